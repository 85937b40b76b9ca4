import Postgres

/// The scheduled changes (status-apply jobs) of these projects still waiting or running, by
/// effective date, then by job.
public struct PendingStatusChanges: PostgresPreparedStatement {
    public var codes: [String]

    public init(codes: [String]) {
        self.codes = codes
    }

    public var query: PostgresQuery {
        """
        SELECT id, state, args::text AS args, last_error FROM jobs
        WHERE kind = \(StatusApplyKind.literal) AND state IN ('available', 'running') AND args->>'code' = ANY(\(codes)::text[])
        ORDER BY args->>'effective', id
        """
    }

    public func decode(_ row: PostgresRow) throws -> ScheduledStatusChange {
        let args = try row.decode(PostgresJSON.self, "args")
        return ScheduledStatusChange(
            jobID: try row.decode(Int.self, "id"), state: try row.decode(String.self, "state"),
            request: try args.decode(StatusChangeRequest.self), lastError: try row.decode(String?.self, "last_error"))
    }
}
