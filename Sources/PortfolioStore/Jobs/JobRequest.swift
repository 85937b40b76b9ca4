import Foundation
import Postgres

/// A job to insert into the queue, in the caller's transaction.
public struct JobRequest: Sendable, Hashable {
    public var kind: String
    public var queue: String
    public var priority: Int
    /// Arguments as a JSON object.
    public var args: String
    /// When it may run; nil means now.
    public var runAt: Date?
    /// While a job of the same kind and key is waiting, no other is added.
    public var uniqueKey: String?
    public var maxAttempts: Int

    public init(kind: String, queue: String = "default", priority: Int = 0, args: String = "{}",
                runAt: Date? = nil, uniqueKey: String? = nil, maxAttempts: Int = 20) {
        self.kind = kind
        self.queue = queue
        self.priority = priority
        self.args = args
        self.runAt = runAt
        self.uniqueKey = uniqueKey
        self.maxAttempts = maxAttempts
    }

    /// A request whose arguments are an encoded value.
    public init<Args: Encodable>(kind: String, encoding args: Args, queue: String = "default", priority: Int = 0,
                                 runAt: Date? = nil, uniqueKey: String? = nil, maxAttempts: Int = 20) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.init(kind: kind, queue: queue, priority: priority, args: String(decoding: try encoder.encode(args), as: UTF8.self),
                  runAt: runAt, uniqueKey: uniqueKey, maxAttempts: maxAttempts)
    }
}

/// Inserts jobs. Enqueueing happens inside the caller's transaction, so a change and the
/// jobs it implies commit together; a NOTIFY on `portfolio_jobs` wakes idle workers at commit.
public enum JobInserter {
    /// The channel workers listen on.
    public static let channel = "portfolio_jobs"

    /// Inserts the jobs (a waiting job with the same kind and unique key absorbs a new one)
    /// and returns the ids of the rows actually added.
    @discardableResult
    public static func enqueue(_ connection: Connection, _ jobs: [JobRequest]) throws -> [Int] {
        guard !jobs.isEmpty else { return [] }
        var ids: [Int] = []
        if jobs.count == 1, let job = jobs.first {
            let rows = try connection.query(insertSQL, binds(job))
            ids = try rows.map { try $0.decode(Int.self, at: 0) }
        } else {
            let results = try connection.executeBatch(insertSQL, types: insertTypes, rows: jobs.map(binds))
            ids = try results.flatMap { try $0.map { try $0.decode(Int.self, at: 0) } }
        }
        try connection.notify(channel, payload: jobs.count == 1 ? jobs[0].queue : "")
        return ids
    }

    static let insertSQL = """
        INSERT INTO jobs (kind, queue, priority, args, run_at, unique_key, max_attempts)
        VALUES ($1, $2, $3, $4, coalesce($5, now()), $6, $7)
        ON CONFLICT (kind, unique_key) WHERE unique_key IS NOT NULL AND state = 'available' DO NOTHING
        RETURNING id
        """

    static let insertTypes: [OID] = [.text, .text, .int4, .jsonb, .timestamptz, .text, .int4]

    static func binds(_ job: JobRequest) -> [PostgresBind] {
        [PostgresBind(job.kind), PostgresBind(job.queue), PostgresBind(Int32(clamping: job.priority)),
         PostgresBind(type: .jsonb, text: job.args), PostgresBind(job.runAt), PostgresBind(job.uniqueKey),
         PostgresBind(Int32(clamping: job.maxAttempts))]
    }
}

extension JobRequest {
    /// Take a rollup snapshot soon; many changes in a burst share one.
    public static func rollupAfterChange() -> JobRequest {
        JobRequest(kind: "rollup.take", queue: "rollups", args: #"{"trigger":"change"}"#, uniqueKey: "rollup")
    }
}

extension JobRequest {
    /// The leader's periodic rollup.
    public static func periodicRollup() -> JobRequest {
        JobRequest(kind: "rollup.take", queue: "rollups", args: #"{"trigger":"periodic"}"#, uniqueKey: "rollup-periodic")
    }

    /// A rollup asked for by an administrator.
    public static func manualRollup() -> JobRequest {
        JobRequest(kind: "rollup.take", queue: "rollups", priority: -10, args: #"{"trigger":"manual"}"#, uniqueKey: "rollup-manual")
    }
}
