import Postgres

/// The status and last effective date of each project with one of these codes.
public struct ProjectStatusStates: PostgresPreparedStatement {
    public var codes: [String]

    public init(codes: [String]) { self.codes = codes }

    public var query: PostgresQuery {
        """
        SELECT p.code, p.status, (SELECT max(h.effective_date) FROM status_history h WHERE h.project_id = p.id) AS last
        FROM projects p WHERE p.code = ANY(\(codes)::text[])
        """
    }

    /// The row is read by name by the caller (`code`, `status`, `last`).
    public func decode(_ row: PostgresRow) throws -> PostgresRow { row }
}
