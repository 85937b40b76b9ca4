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
        guard let facts = try connection.query(
            Self.factsSQL, [PostgresBind(projectID), PostgresBind(request.key), PostgresBind(jobID), PostgresBind(request.effective.description)]
        ).first else {
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
        let rows = try connection.query(Self.applySQL, [
            PostgresBind(projectID), PostgresBind(current.rawValue), PostgresBind(request.status.rawValue), request.effective.bind,
            PostgresBind(request.note), PostgresBind(request.forced), PostgresBind(request.actor), PostgresBind(request.key),
            PostgresBind(type: .jsonb, text: moved ? try RollupDeltas.encoded(before) : nil),
            PostgresBind(type: .jsonb, text: moved ? try RollupDeltas.encoded(after) : nil),
            PostgresBind(request.forced ? "status.force" : "status.set"), PostgresBind(request.code),
            PostgresBind(type: .jsonb, text: try AuditLog.encoded(Before(status: current))),
            PostgresBind(type: .jsonb, text: try AuditLog.encoded(request)),
            PostgresBind(job.kind), PostgresBind(job.queue), PostgresBind(Int32(clamping: job.priority)),
            PostgresBind(type: .jsonb, text: job.args), PostgresBind(job.uniqueKey), PostgresBind(Int32(clamping: job.maxAttempts)),
            PostgresBind(JobInserter.channel),
        ])
        guard let entry = rows.first else {
            throw PostgresError(.decoding, "the new history entry of \(request.code) was not returned")
        }
        return .applied(StatusHistoryEntry(
            id: try entry.decode(Int.self, "id"), from: current, to: request.status, effective: request.effective,
            recordedAt: try entry.decode(String.self, "recorded"), note: request.note, forced: request.forced,
            actor: request.actor, key: request.key))
    }

    /// What a change needs to know of the locked project: its rollup facts, its last effective
    /// date, whether the request's key was applied before, whether its effective date `$4` is
    /// still to come by the database's date, and (for job `$3`) whether an earlier scheduled
    /// change of the project still waits, and the latest run time of those not running.
    static let factsSQL = """
        SELECT p.code, p.sector_code, p.value_minor, p.currency, p.value_date,
               (SELECT max(h.effective_date) FROM status_history h WHERE h.project_id = p.id) AS last,
               ($2::text IS NOT NULL AND EXISTS (SELECT 1 FROM status_history k WHERE k.request_key = $2)) AS seen,
               ($4::text::date > current_date) AS early,
               e.waiting > 0 AS earlier, e.waiting_until AS earlier_until,
               coalesce(array_agg(l.name ORDER BY pl.share_bp DESC, l.name) FILTER (WHERE l.id IS NOT NULL), '{}') AS lender_names,
               coalesce(array_agg(pl.share_bp ORDER BY pl.share_bp DESC, l.name) FILTER (WHERE l.id IS NOT NULL), '{}') AS lender_shares
        FROM projects p
        CROSS JOIN LATERAL (
            SELECT count(*) AS waiting, max(j.run_at) FILTER (WHERE j.state = 'available') AS waiting_until
            FROM jobs j
            WHERE $3::bigint IS NOT NULL AND j.kind = 'status.apply' AND j.state IN ('available', 'running') AND j.args->>'code' = p.code
              AND j.id <> $3 AND ((j.args->>'effective') < $4 OR ((j.args->>'effective') = $4 AND j.id < $3))
        ) e
        LEFT JOIN project_lenders pl ON pl.project_id = p.id
        LEFT JOIN lenders l ON l.id = pl.lender_id
        WHERE p.id = $1
        GROUP BY p.id, e.waiting, e.waiting_until
        """

    /// Every write of an applied change, in one statement. The rollup change is skipped when
    /// `$10` is NULL (the facts did not move); the job is skipped while one is already waiting.
    static let applySQL = """
        WITH entry AS (
            INSERT INTO status_history (project_id, from_status, to_status, effective_date, note, forced, actor, request_key)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            RETURNING id, to_char(recorded_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS recorded
        ), project AS (
            UPDATE projects SET status = $3, version = version + 1, updated_at = now() WHERE id = $1 RETURNING id
        ), delta AS (
            INSERT INTO rollup_deltas (project_id, before, after) SELECT $1, $9, $10 WHERE $10::jsonb IS NOT NULL
        ), audit AS (
            INSERT INTO audit_log (actor, action, entity, entity_key, before, after) VALUES ($7, $11, 'project', $12, $13, $14)
        ), job AS (
            INSERT INTO jobs (kind, queue, priority, args, run_at, unique_key, max_attempts)
            VALUES ($15, $16, $17, $18, now(), $19, $20)
            ON CONFLICT (kind, unique_key) WHERE unique_key IS NOT NULL AND state = 'available' DO NOTHING
        )
        SELECT entry.id, entry.recorded, pg_notify($21, $16) FROM entry, project
        """
}
