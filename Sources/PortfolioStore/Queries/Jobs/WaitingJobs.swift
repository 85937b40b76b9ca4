import Postgres

/// Which of these jobs are waiting (`available`).
public struct WaitingJobs: PostgresPreparedStatement {
    public var ids: [Int]

    public init(ids: [Int]) { self.ids = ids }

    public var query: PostgresQuery { "SELECT id FROM jobs WHERE id = ANY(\(ids)::bigint[]) AND state = 'available'" }

    public func decode(_ row: PostgresRow) throws -> Int { try row.decode(Int.self, "id") }
}
