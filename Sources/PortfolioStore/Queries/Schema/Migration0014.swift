/// Projects from the field's datasets: the OECD DAC 3-digit codelist as reference data with the
/// tracker sector each code groups into (`portfolio sector load-dac`), where an imported project
/// came from (its record, whether its lenders' shares are estimated, the co-financiers whose
/// money is not in its value), and whether it counts in aggregates.
///
/// A project not counted in aggregates (AidData's `Recommended For Aggregates: No`) is left out
/// of every report and rollup: its rollup changes are not recorded (`rollup_delta_aggregates`),
/// and the readers of aggregates skip it.
enum Migration0014 {
    static let sql = #"""
    CREATE TABLE dac_sectors (
        code        char(3) PRIMARY KEY CHECK (code ~ '^[0-9]{3}$'),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        withdrawn   boolean NOT NULL DEFAULT false,
        sector_code text NOT NULL REFERENCES sectors (code),
        loaded_at   timestamptz NOT NULL DEFAULT now()
    );

    ALTER TABLE projects ADD COLUMN aggregates boolean NOT NULL DEFAULT true;

    CREATE TABLE project_sources (
        project_id       bigint PRIMARY KEY REFERENCES projects (id),
        source           text NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
        record_id        text NOT NULL CHECK (length(record_id) BETWEEN 1 AND 100),
        amount_basis     text NOT NULL CHECK (length(amount_basis) BETWEEN 1 AND 100),
        shares_estimated boolean NOT NULL,
        co_financiers    text[] NOT NULL DEFAULT '{}',
        recorded_at      timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX project_sources_record_idx ON project_sources (source, record_id);

    CREATE FUNCTION rollup_delta_aggregates() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.project_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM projects WHERE id = NEW.project_id AND NOT aggregates) THEN
            RETURN NULL;
        END IF;
        RETURN NEW;
    END
    $$;
    CREATE TRIGGER rollup_delta_aggregates BEFORE INSERT ON rollup_deltas
        FOR EACH ROW EXECUTE FUNCTION rollup_delta_aggregates();
    """#
}
