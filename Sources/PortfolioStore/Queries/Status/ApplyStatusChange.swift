import Postgres
import PortfolioCore

/// Every write of an applied change, in one statement. The rollup change is skipped when
/// `rollupAfter` is nil (the facts did not move); the job is skipped while one is already waiting.
public struct ApplyStatusChange: PostgresPreparedStatement {
    public var projectID: Int
    public var code: String
    public var from: ProjectStatus
    public var to: ProjectStatus
    public var effective: LocalDate
    public var note: String?
    public var forced: Bool
    public var actor: String
    public var key: String?
    /// The project's rollup facts before and after, as JSON; both nil when they did not move.
    public var rollupBefore: String?
    public var rollupAfter: String?
    public var auditAction: String
    /// The audit entry's before and after, as JSON.
    public var auditBefore: String?
    public var auditAfter: String?
    /// The rollup job the change implies.
    public var job: JobRequest

    public init(
        projectID: Int, code: String, from: ProjectStatus, to: ProjectStatus, effective: LocalDate, note: String?, forced: Bool,
        actor: String, key: String?, rollupBefore: String?, rollupAfter: String?, auditAction: String, auditBefore: String?,
        auditAfter: String?, job: JobRequest
    ) {
        self.projectID = projectID
        self.code = code
        self.from = from
        self.to = to
        self.effective = effective
        self.note = note
        self.forced = forced
        self.actor = actor
        self.key = key
        self.rollupBefore = rollupBefore
        self.rollupAfter = rollupAfter
        self.auditAction = auditAction
        self.auditBefore = auditBefore
        self.auditAfter = auditAfter
        self.job = job
    }

    public var query: PostgresQuery {
        """
        WITH entry AS (
            INSERT INTO status_history (project_id, from_status, to_status, effective_date, note, forced, actor, request_key)
            VALUES (\(projectID), \(from.rawValue), \(to.rawValue), \(bind: effective.bind), \(note), \(forced), \(actor), \(key))
            RETURNING id, to_char(recorded_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS recorded
        ), project AS (
            UPDATE projects SET status = \(to.rawValue), version = version + 1, updated_at = now() WHERE id = \(projectID) RETURNING id
        ), delta AS (
            INSERT INTO rollup_deltas (project_id, before, after) SELECT \(projectID), \(bind: PostgresBind(type: .jsonb, text: rollupBefore)), \(bind: PostgresBind(type: .jsonb, text: rollupAfter)) WHERE \(bind: PostgresBind(type: .jsonb, text: rollupAfter))::jsonb IS NOT NULL
        ), audit AS (
            INSERT INTO audit_log (actor, action, entity, entity_key, before, after) VALUES (\(actor), \(auditAction), 'project', \(code), \(bind: PostgresBind(type: .jsonb, text: auditBefore)), \(bind: PostgresBind(type: .jsonb, text: auditAfter)))
        ), job AS (
            INSERT INTO jobs (kind, queue, priority, args, run_at, unique_key, max_attempts)
            VALUES (\(job.kind), \(job.queue), \(Int32(clamping: job.priority)), \(bind: PostgresBind(type: .jsonb, text: job.args)), now(), \(job.uniqueKey), \(Int32(clamping: job.maxAttempts)))
            ON CONFLICT (kind, unique_key) WHERE unique_key IS NOT NULL AND state = 'available' DO NOTHING
        )
        SELECT entry.id, entry.recorded, pg_notify(\(JobInserter.channel), \(job.queue)) FROM entry, project
        """
    }

    public func decode(_ row: PostgresRow) throws -> (id: Int, recorded: String) {
        (try row.decode(Int.self, "id"), try row.decode(String.self, "recorded"))
    }
}
