import Postgres

/// Inserts a job unless one of its kind and unique key waits already; returns its id when it
/// was added.
public struct InsertJob: PostgresPreparedStatement {
    public var job: JobRequest

    public init(_ job: JobRequest) { self.job = job }

    public var query: PostgresQuery {
        """
        INSERT INTO jobs (kind, queue, priority, args, run_at, unique_key, max_attempts)
        VALUES (\(job.kind), \(job.queue), \(Int32(clamping: job.priority)), \(bind: PostgresBind(type: .jsonb, text: job.args)),
                coalesce(\(job.runAt), now()), \(job.uniqueKey), \(Int32(clamping: job.maxAttempts)))
        ON CONFLICT (kind, unique_key) WHERE unique_key IS NOT NULL AND state = 'available' DO NOTHING
        RETURNING id
        """
    }

    public func decode(_ row: PostgresRow) throws -> Int { try row.decode(Int.self, "id") }
}
