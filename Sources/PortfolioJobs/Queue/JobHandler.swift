import PortfolioStore
import Postgres

/// Runs one kind of job.
public protocol JobHandler: Sendable {
    /// The kind of job this handler runs.
    var kind: String { get }
    /// Whether the job's effect lives in the database. A transactional job's effect and its
    /// completion commit in one transaction, fenced by the owner, so a repeated or rescued
    /// job never applies its effect twice. Other jobs complete in batches after they run.
    var isTransactional: Bool { get }
    /// Whether consecutive transactional jobs of this kind may share one transaction: each
    /// job's effect and completion still commit together, with the others'. When one of them
    /// fails, the shared transaction is rolled back and the jobs run one by one instead, so
    /// only that one fails. For short jobs that lock little; false unless a handler says so.
    var sharesTransactions: Bool { get }
    /// Does the work, on the worker's connection (inside the transaction when transactional).
    func run(_ job: ClaimedJob, connection: Connection) throws
}

extension JobHandler {
    public var sharesTransactions: Bool { false }
}

/// A job that does nothing: for benchmarks and checks of the queue itself.
public struct NoopHandler: JobHandler {
    public let kind = "noop"
    public let isTransactional = false
    public init() {}
    public func run(_ job: ClaimedJob, connection: Connection) throws {}
}
