import Postgres

/// Deletes changes already folded into a snapshot, recorded more than `retention` ago.
public struct PruneFoldedDeltas: PostgresPreparedStatement {
    public var retention: Duration

    public init(olderThan retention: Duration) { self.retention = retention }

    public var query: PostgresQuery {
        "DELETE FROM rollup_deltas WHERE snapshot_id IS NOT NULL AND recorded_at < now() - \(milliseconds: retention)"
    }
}
