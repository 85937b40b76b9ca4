import Postgres

/// What a change needs to know of the locked project: its rollup facts, its last effective
/// date, whether the request's key was applied before, whether its effective date `effective` is
/// still to come by the database's date, and (for job `jobID`) whether an earlier scheduled
/// change of the project still waits, and the latest run time of those not running.
public struct StatusChangeFacts: PostgresPreparedStatement {
    public var projectID: Int
    public var key: String?
    public var jobID: Int?
    /// The change's effective date, as `YYYY-MM-DD` (compared with the jobs' arguments).
    public var effective: String

    public init(projectID: Int, key: String?, jobID: Int?, effective: String) {
        self.projectID = projectID
        self.key = key
        self.jobID = jobID
        self.effective = effective
    }

    public var query: PostgresQuery {
        """
        SELECT p.code, p.sector_code, p.value_minor, p.currency, p.value_date,
               (SELECT max(h.effective_date) FROM status_history h WHERE h.project_id = p.id) AS last,
               (\(key)::text IS NOT NULL AND EXISTS (SELECT 1 FROM status_history k WHERE k.request_key = \(key))) AS seen,
               (\(effective)::text::date > current_date) AS early,
               e.waiting > 0 AS earlier, e.waiting_until AS earlier_until,
               \(LenderColumns.aggregated)
        FROM projects p
        CROSS JOIN LATERAL (
            SELECT count(*) AS waiting, max(j.run_at) FILTER (WHERE j.state = 'available') AS waiting_until
            FROM jobs j
            WHERE \(jobID)::bigint IS NOT NULL AND j.kind = \(StatusApplyKind.literal) AND j.state IN ('available', 'running') AND j.args->>'code' = p.code
              AND j.id <> \(jobID) AND ((j.args->>'effective') < \(effective) OR ((j.args->>'effective') = \(effective) AND j.id < \(jobID)))
        ) e
        LEFT JOIN project_lenders pl ON pl.project_id = p.id
        LEFT JOIN lenders l ON l.id = pl.lender_id
        WHERE p.id = \(projectID)
        GROUP BY p.id, e.waiting, e.waiting_until
        """
    }

    /// The row is read by name by the caller (`rollupInput(status:)` and the flags).
    public func decode(_ row: PostgresRow) throws -> PostgresRow { row }
}
