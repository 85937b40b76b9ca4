import Foundation
import Postgres

/// Stored snapshots, newest first: one by `id`, or the latest `limit`.
public struct RollupSnapshots: PostgresPreparedStatement {
    public var id: Int?
    public var limit: Int

    public init(id: Int? = nil, limit: Int) {
        self.id = id
        self.limit = max(1, min(limit, 100_000))
    }

    public struct Row: Sendable {
        public let id: Int
        public let takenAt: Date
        public let trigger: String
        public let fullRecompute: Bool
        public let deltasApplied: Int
        /// The breakdown as JSON.
        public let breakdown: String
    }

    public var query: PostgresQuery {
        """
        SELECT id, taken_at, trigger, full_recompute, deltas_applied, breakdown::text AS breakdown FROM rollup_snapshots
        WHERE \(id)::bigint IS NULL OR id = \(id) ORDER BY id DESC LIMIT \(literal: limit)
        """
    }

    public func decode(_ row: PostgresRow) throws -> Row {
        Row(id: try row.decode(Int.self, "id"), takenAt: try row.decode(Date.self, "taken_at"),
            trigger: try row.decode(String.self, "trigger"), fullRecompute: try row.decode(Bool.self, "full_recompute"),
            deltasApplied: try row.decode(Int.self, "deltas_applied"), breakdown: try row.decode(String.self, "breakdown"))
    }
}
