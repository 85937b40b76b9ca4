import Postgres

/// How many jobs are due and not started, and how many seconds the oldest has waited. Served
/// by the claim index: it reads only waiting jobs.
public struct DueJobs: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        SELECT count(*) AS due, coalesce(extract(epoch FROM now() - min(run_at)), 0)::text AS oldest_seconds
        FROM jobs WHERE state = 'available' AND run_at <= now()
        """
    }

    public func decode(_ row: PostgresRow) throws -> (count: Int, oldestSeconds: Double) {
        (try row.decode(Int.self, "due"), Double(try row.decode(String.self, "oldest_seconds")) ?? 0)
    }
}
