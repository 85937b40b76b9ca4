import Foundation
import Postgres
import PortfolioCore

extension StatusStore {
    /// Applies a change to a project this transaction has locked: three round trips after the
    /// lock (read the facts, optionally the pending changes, write everything).
    ///
    /// - Throws: `ChangeNotYetEffective` (nothing written) when the change's effective date is
    ///   after the database's current date.
    ///
    /// The facts are read after the lock, so they include every change committed before it.
    /// One statement then writes the history entry, the new status, the rollup change, the
    /// audit entry and the rollup job, and notifies the workers at commit.
    func applyLocked(
        _ request: StatusChangeRequest, projectID: Int, current: ProjectStatus, checkPending: Bool, jobID: Int? = nil
    ) throws -> StatusOutcome {
        let factsQuery = StatusChangeFacts(projectID: projectID, key: request.key, jobID: jobID, effective: request.effective.description)
        guard let facts = try connection.first(factsQuery) else {
            throw StoreError.projectNotFound(request.code)
        }
        if let key = request.key, try facts.decode(Bool.self, "seen") {
            return .duplicate(key: key)
        }
        if try facts.decode(Bool.self, "early") {
            throw ChangeNotYetEffective(code: request.code, effective: request.effective)
        }
        if try facts.decode(Bool.self, "earlier") {
            throw EarlierChangePending(code: request.code, blockedUntil: try facts.decode(Date?.self, "earlier_until"))
        }
        if checkPending {
            let due = try pending(request.code).filter { $0.request.effective <= request.effective }
            if let first = due.first {
                throw StoreError.invalid("project \(request.code) has a change to \(first.request.status) scheduled for \(first.request.effective) that is not applied yet; run the worker first")
            }
        }
        if let last = try facts.optionalLocalDate("last"), request.effective < last {
            throw StoreError.invalid("effective date \(request.effective) is before the last recorded change of \(request.code) on \(last); history is kept in date order")
        }
        try ProjectStatus.validateTransition(from: current, to: request.status, forced: request.forced, note: request.note)
        let before = try facts.rollupInput(status: current)
        let after = try facts.rollupInput(status: request.status)
        struct Before: Encodable { let status: ProjectStatus }
        let job = JobRequest.rollupAfterChange()
        let moved = before != after
        let write = ApplyStatusChange(
            projectID: projectID, code: request.code, from: current, to: request.status, effective: request.effective,
            note: request.note, forced: request.forced, actor: request.actor, key: request.key,
            rollupBefore: moved ? try RollupDeltas.encoded(before) : nil, rollupAfter: moved ? try RollupDeltas.encoded(after) : nil,
            auditAction: request.forced ? "status.force" : "status.set",
            auditBefore: try AuditLog.encoded(Before(status: current)), auditAfter: try AuditLog.encoded(request), job: job)
        guard let entry = try connection.first(write) else {
            throw PostgresError(.decoding, "the new history entry of \(request.code) was not returned")
        }
        return .applied(StatusHistoryEntry(
            id: entry.id, from: current, to: request.status, effective: request.effective,
            recordedAt: entry.recorded, note: request.note, forced: request.forced,
            actor: request.actor, key: request.key))
    }
}
