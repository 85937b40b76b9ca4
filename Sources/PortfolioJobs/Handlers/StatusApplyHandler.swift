import Postgres
import PortfolioCore
import PortfolioStore

/// Applies a scheduled or imported status change on its effective date.
///
/// A project's changes apply in effective-date order: while an earlier change of the same
/// project waits, this one is snoozed.
public struct StatusApplyHandler: JobHandler {
    public let kind = StatusStore.applyJobKind
    public let isTransactional = true

    public init() {}

    public func run(_ job: ClaimedJob, connection: Connection) throws {
        let request = try job.decodeArgs(StatusChangeRequest.self)
        let earlier = try connection.query(
            """
            SELECT count(*) FROM jobs
            WHERE kind = $1 AND state IN ('available', 'running') AND id <> $2 AND args->>'code' = $3
              AND ((args->>'effective') < $4 OR ((args->>'effective') = $4 AND id < $2))
            """, kind, job.id, request.code, request.effective.description).scalar(Int.self)
        if earlier > 0 {
            throw JobError.snooze(seconds: 1, reason: "an earlier change of \(request.code) is not applied yet")
        }
        do {
            _ = try StatusStore(connection).apply(request)
        } catch let error as DomainError {
            throw JobError.permanent("\(request.code): \(error.message)")
        } catch let error as StoreError {
            throw JobError.permanent(error.description)
        }
    }
}
