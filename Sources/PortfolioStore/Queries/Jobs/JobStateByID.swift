import Postgres

/// The state of one job.
public struct JobStateByID: PostgresPreparedStatement {
    public var id: Int

    public init(id: Int) { self.id = id }

    public var query: PostgresQuery { "SELECT state FROM jobs WHERE id = \(id)" }

    public func decode(_ row: PostgresRow) throws -> JobState { try row.decode(JobState.self, "state") }
}
