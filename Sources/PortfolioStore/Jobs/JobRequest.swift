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
            ids = try connection.run(InsertJob(job))
        } else {
            let statements = jobs.map(InsertJob.init)
            let sample = statements[0].query
            let results = try connection.executeBatch(sample.sql, types: sample.binds.map(\.type), rows: statements.map(\.query.binds))
            ids = try results.flatMap { rows in try rows.map { try statements[0].decode($0) } }
        }
        try connection.notify(channel, payload: jobs.count == 1 ? jobs[0].queue : "")
        return ids
    }

    /// Enqueues `job` and returns its id with `added` true, or the id of the waiting job of its
    /// kind and key that absorbed it with `added` false. When that one is claimed in between,
    /// the job is enqueued again.
    public static func enqueueOrJoin(_ connection: Connection, _ job: JobRequest) throws -> (id: Int, added: Bool) {
        try connection.transaction { c in
            for _ in 0..<3 {
                if let id = try enqueue(c, [job]).first { return (id, true) }
                if let id = try c.first(WaitingJobWithKey(kind: job.kind, uniqueKey: job.uniqueKey)) { return (id, false) }
            }
            throw StoreError.invalid("the \(job.kind) job could not be queued: workers kept claiming the waiting one; try again")
        }
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
