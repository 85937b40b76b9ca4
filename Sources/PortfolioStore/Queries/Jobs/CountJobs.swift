import Postgres

/// How many jobs there are of each kind and state.
public struct CountJobs: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        "SELECT kind, state, count(*) AS jobs FROM jobs GROUP BY kind, state ORDER BY kind, state"
    }

    public func decode(_ row: PostgresRow) throws -> JobStats.Row {
        JobStats.Row(
            kind: try row.decode(String.self, "kind"), state: try row.decode(JobState.self, "state"),
            count: try row.decode(Int.self, "jobs"))
    }
}
