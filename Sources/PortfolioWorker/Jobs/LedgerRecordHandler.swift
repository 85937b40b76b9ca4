import Postgres
import PortfolioCore
import PortfolioJobs
import PortfolioStore

/// Records a transaction queued by `tx import --queue`, in the job's transaction, so it is
/// recorded once however often the job runs; one whose reference was recorded meanwhile is
/// done. What the ledger refuses (above the commitment, a lender no longer financing the
/// project) discards the job with the reason.
public struct LedgerRecordHandler: JobHandler {
    public let kind = LedgerStore.recordJobKind
    public let isTransactional = true
    public let sharesTransactions = true

    public init() {}

    public func run(_ job: ClaimedJob, connection: Connection) throws {
        let queued = try job.decodeArgs(QueuedTransaction.self)
        do {
            _ = try LedgerStore(connection).recordQueued(queued)
        } catch let error as StoreError {
            throw JobError.permanent("\(queued.code): \(error.description)")
        } catch let error as ValidationFailure {
            throw JobError.permanent("\(queued.code): \(error.description)")
        } catch let error as DomainError {
            throw JobError.permanent("\(queued.code): \(error.message)")
        }
    }
}
