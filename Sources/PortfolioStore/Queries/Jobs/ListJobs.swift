import Foundation
import Postgres

/// Jobs, newest first, optionally of one state and kind.
public struct ListJobs: PostgresPreparedStatement {
    public var state: JobState?
    public var kind: String?
    public var limit: Int

    public init(state: JobState?, kind: String?, limit: Int) {
        self.state = state
        self.kind = kind
        self.limit = max(1, min(limit, 100_000))
    }

    public var query: PostgresQuery {
        """
        SELECT id, kind, queue, state, priority, attempt, max_attempts, run_at, unique_key, owner, last_error, args::text AS args
        FROM jobs WHERE (\(state)::text IS NULL OR state = \(state)) AND (\(kind)::text IS NULL OR kind = \(kind))
        ORDER BY id DESC LIMIT \(literal: limit)
        """
    }

    public func decode(_ row: PostgresRow) throws -> JobRow {
        JobRow(
            id: try row.decode(Int.self, "id"), kind: try row.decode(String.self, "kind"),
            queue: try row.decode(String.self, "queue"), state: try row.decode(JobState.self, "state"),
            priority: try row.decode(Int.self, "priority"), attempt: try row.decode(Int.self, "attempt"),
            maxAttempts: try row.decode(Int.self, "max_attempts"), runAt: try row.decode(Date.self, "run_at"),
            uniqueKey: try row.decode(String?.self, "unique_key"), owner: try row.decode(String?.self, "owner"),
            lastError: try row.decode(String?.self, "last_error"), args: try row.decode(String.self, "args"))
    }
}
