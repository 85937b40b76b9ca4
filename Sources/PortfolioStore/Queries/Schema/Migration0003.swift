/// Keeping the rollup current without reading every project: each change that moves totals
/// records the project's facts before and after; a snapshot folds in the changes since the last
/// one. A `reset` (FX rates changed, a bulk import) asks for a full recomputation instead.
enum Migration0003 {
    static let sql = #"""
    CREATE TABLE rollup_deltas (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id  bigint REFERENCES projects (id),
        before      jsonb,
        after       jsonb,
        reset       boolean NOT NULL DEFAULT false,
        reason      text,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        snapshot_id bigint REFERENCES rollup_snapshots (id),
        CHECK (reset OR before IS NOT NULL OR after IS NOT NULL)
    );
    CREATE INDEX rollup_deltas_pending_idx ON rollup_deltas (id) WHERE snapshot_id IS NULL;
    CREATE INDEX rollup_deltas_snapshot_idx ON rollup_deltas (snapshot_id);

    ALTER TABLE rollup_snapshots ADD COLUMN full_recompute boolean NOT NULL DEFAULT true;
    ALTER TABLE rollup_snapshots ADD COLUMN deltas_applied integer NOT NULL DEFAULT 0;
    CREATE INDEX rollup_snapshots_as_of_idx ON rollup_snapshots (as_of, id);
    """#
}
