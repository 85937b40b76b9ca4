import Postgres
import PortfolioCore
import PortfolioJobs
import PortfolioStore

/// Applies a scheduled or imported status change on its effective date.
///
/// A project's changes apply in effective-date order: while an earlier change of the same
/// project waits, this one is snoozed, until the latest run time of those earlier changes. A change whose effective date is after the database's
/// date (its job was retried or made due early) is put back until the start of that date.
public struct StatusApplyHandler: JobHandler {
    public let kind = StatusStore.applyJobKind
    public let isTransactional = true
    public let sharesTransactions = true

    public init() {}

    public func run(_ job: ClaimedJob, connection: Connection) throws {
        let request = try job.decodeArgs(StatusChangeRequest.self)
        do {
            _ = try StatusStore(connection).apply(request, jobID: job.id)
        } catch let error as EarlierChangePending {
            // Not before the earlier change can run: a blocker in backoff keeps this one waiting
            // until its own run time instead of claiming this one every second meanwhile.
            throw JobError.snooze(seconds: 1, reason: error.description, until: error.blockedUntil)
        } catch let error as ChangeNotYetEffective {
            throw JobError.notBefore(error.effective.startOfDay(), reason: error.description)
        } catch let error as DomainError {
            throw JobError.permanent("\(request.code): \(error.message)")
        } catch let error as StoreError {
            throw JobError.permanent(error.description)
        }
    }
}
