import Postgres

/// What a reader's cached answer depends on, in one cheap statement: the newest rollup
/// snapshot, the newest audit entry (every user action writes one), the newest rollup change,
/// the newest ledger transaction and status change. Any write that changes a report moves one
/// of them.
public struct ChangeCounter: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        SELECT coalesce((SELECT max(id) FROM rollup_snapshots), 0) AS snapshot,
               coalesce((SELECT max(id) FROM audit_log), 0) AS audit,
               coalesce((SELECT max(id) FROM rollup_deltas), 0) AS delta,
               coalesce((SELECT max(id) FROM ledger_transactions), 0) AS ledger,
               coalesce((SELECT max(id) FROM status_history), 0) AS status
        """
    }

    public func decode(_ row: PostgresRow) throws -> String {
        let parts = try ["snapshot", "audit", "delta", "ledger", "status"].map { String(try row.decode(Int.self, $0)) }
        return parts.joined(separator: ".")
    }
}
