import Postgres

/// The project changes folded into the snapshots after `after` up to and including `upTo`, as
/// stored (JSON text); a change of the ledger alone, whose facts stay as they were, is not one.
public struct FoldedChanges: PostgresPreparedStatement {
    public var after: Int
    public var upTo: Int

    public init(after: Int, upTo: Int) {
        self.after = after
        self.upTo = upTo
    }

    public struct Row: Sendable {
        public let snapshot: Int
        public let code: String
        public let before: String?
        public let after: String?
    }

    public var query: PostgresQuery {
        """
        SELECT d.snapshot_id, p.code, d.before::text AS before, d.after::text AS after
        FROM rollup_deltas d JOIN projects p ON p.id = d.project_id
        WHERE d.snapshot_id > \(after) AND d.snapshot_id <= \(upTo) AND d.before IS DISTINCT FROM d.after ORDER BY d.id
        """
    }

    public func decode(_ row: PostgresRow) throws -> Row {
        Row(snapshot: try row.decode(Int.self, "snapshot_id"), code: try row.decode(String.self, "code"),
            before: try row.decode(String?.self, "before"), after: try row.decode(String?.self, "after"))
    }
}
