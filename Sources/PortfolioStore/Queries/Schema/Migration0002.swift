/// The job queue's second shape: a claim index that serves every queue in priority order,
/// and a record of periodic runs so that a period's job is inserted once whoever leads.
enum Migration0002 {
    static let sql = #"""
    DROP INDEX jobs_claim_idx;
    CREATE INDEX jobs_claim_idx ON jobs (priority, run_at, id) WHERE state = 'available';
    CREATE INDEX jobs_status_apply_code_idx ON jobs ((args->>'code'))
        WHERE kind = 'status.apply' AND state IN ('available', 'running');

    CREATE TABLE periodic_runs (
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        period_start timestamptz NOT NULL,
        job_id       bigint,
        inserted_by  text NOT NULL,
        inserted_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, period_start)
    );
    """#
}
