import Foundation
import Postgres
import PortfolioCore

/// Records status changes: applies those whose effective date has come, schedules the rest
/// as `status.apply` jobs, and reads the history back.
public struct StatusStore: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// The job kind that applies a scheduled change.
    public static let applyJobKind = "status.apply"

    /// Applies the change now if its effective date is today or earlier, else schedules it.
    /// "Today" is the earlier of `today` and the database's date, so a change is never applied
    /// before its date by either clock.
    ///
    /// - Throws: `DomainError` for a refused transition, `StoreError` for an unknown project,
    ///   an effective date before the project's last change, or (exit 75) a due scheduled
    ///   change not yet applied.
    public func set(_ request: StatusChangeRequest, today: LocalDate) throws -> StatusOutcome {
        try connection.transaction { c in
            let store = StatusStore(c)
            if request.effective > today {
                return try store.schedule(request)
            }
            let (projectID, current) = try store.lockProject(request.code)
            do {
                return try store.applyLocked(request, projectID: projectID, current: current, checkPending: true)
            } catch is ChangeNotYetEffective {
                return try store.schedule(request)
            }
        }
    }

    /// Applies a change now (the worker's path for a due scheduled change), in the caller's
    /// transaction if there is one. A change whose key is already in the history is a no-op.
    ///
    /// For the worker, `jobID` names the job carrying the change: while an earlier scheduled
    /// change of the same project waits, it throws `EarlierChangePending` and changes nothing.
    /// A change whose effective date is after the database's date throws
    /// `ChangeNotYetEffective` and changes nothing.
    public func apply(_ request: StatusChangeRequest, jobID: Int? = nil) throws -> StatusOutcome {
        try connection.transaction { c in
            let store = StatusStore(c)
            let (projectID, current) = try store.lockProject(request.code)
            return try store.applyLocked(request, projectID: projectID, current: current, checkPending: false, jobID: jobID)
        }
    }

    func lockProject(_ code: String) throws -> (id: Int, status: ProjectStatus) {
        guard let (id, text) = try connection.first(LockProjectStatus(code: code)) else {
            throw ProjectStore.notFound(code, connection)
        }
        guard let status = ProjectStatus(rawValue: text) else {
            throw PostgresError(.decoding, "project \(code) has unknown status \(text)")
        }
        return (id, status)
    }

    private func schedule(_ request: StatusChangeRequest) throws -> StatusOutcome {
        let (projectID, current) = try lockProject(request.code)
        if let key = request.key {
            let seen = try connection.one(StatusKeySeen(key: key, kind: StatusStore.applyJobKind))
            if seen > 0 { return .duplicate(key: key) }
        }
        let waiting = try pending(request.code)
        if let later = waiting.last(where: { $0.request.effective > request.effective }) {
            throw StoreError.invalid("a change to \(later.request.status) is already scheduled for \(later.request.effective), after \(request.effective); cancel it first (portfolio jobs cancel \(later.jobID))")
        }
        if let last = try lastEffectiveDate(projectID), request.effective < last {
            throw StoreError.invalid("effective date \(request.effective) is before the last recorded change of \(request.code) on \(last)")
        }
        let from = waiting.last?.request.status ?? current
        try ProjectStatus.validateTransition(from: from, to: request.status, forced: request.forced, note: request.note)
        var stored = request
        stored.key = request.key ?? "scheduled:" + UUID().uuidString.lowercased()
        let job = try JobRequest(kind: StatusStore.applyJobKind, encoding: stored, queue: "status",
                                 runAt: request.effective.startOfDay(), uniqueKey: stored.key)
        guard let jobID = try JobInserter.enqueue(connection, [job]).first else {
            return .duplicate(key: stored.key ?? "")
        }
        try AuditLog.record(connection, actor: request.actor, action: "status.schedule", entity: "project", key: request.code,
                            before: StatusChangeRequest?.none, after: stored)
        return .scheduled(jobID: jobID, effective: request.effective)
    }

    private func lastEffectiveDate(_ projectID: Int) throws -> LocalDate? {
        try connection.first(LastStatusDate(projectID: projectID)) ?? nil
    }

    /// The project's history, oldest first (by effective date, then as recorded); with `asOf`
    /// and `recordedBy`, the entries effective and recorded by then.
    public func history(_ code: String, asOf: LocalDate? = nil, recordedBy: Date? = nil) throws -> [StatusHistoryEntry] {
        try connection.run(StatusHistory(code: code, asOf: asOf, recordedBy: recordedBy))
    }

    /// Scheduled changes of a project still waiting or running, by effective date.
    public func pending(_ code: String) throws -> [ScheduledStatusChange] {
        try pending(codes: [code])
    }

    /// Scheduled changes of the projects still waiting or running, by effective date (the
    /// order the worker applies them in), then by job.
    public func pending(codes: [String]) throws -> [ScheduledStatusChange] {
        try connection.run(PendingStatusChanges(codes: codes))
    }
}
