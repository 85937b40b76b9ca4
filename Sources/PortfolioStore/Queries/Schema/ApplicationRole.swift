import Postgres

/// Grants an application role exactly the data privileges the CLI and the worker need, and
/// nothing that changes the schema: the schema belongs to the role that runs `migrate`.
public enum ApplicationRole {
    /// Tables the application reads and appends to, but never updates or deletes from.
    static let appendOnly = ["audit_log", "status_history", "value_history", "sector_history", "lender_history", "rollup_snapshots", "ledger_transactions",
                             "detail_history"]
    /// Tables the application changes.
    static let readWrite: [String: String] = [
        "projects": "SELECT, INSERT, UPDATE",
        "project_lenders": "SELECT, INSERT, DELETE",
        "lenders": "SELECT, INSERT",
        "sectors": "SELECT, INSERT",
        "fx_rates": "SELECT, INSERT, UPDATE",
        "targets": "SELECT, INSERT",
        "jobs": "SELECT, INSERT, UPDATE, DELETE",
        "leader_leases": "SELECT, INSERT, UPDATE, DELETE",
        "rollup_deltas": "SELECT, INSERT, UPDATE, DELETE",
        "periodic_runs": "SELECT, INSERT, UPDATE",
        "dac_sectors": "SELECT, INSERT, UPDATE",
        "project_sources": "SELECT, INSERT",
        "api_tokens": "SELECT, INSERT, UPDATE",
    ]
    /// Tables the application only reads.
    static let readOnly = ["currencies", "schema_migrations"]

    /// Grants the privileges to `role` (which must exist) in the caller's transaction.
    ///
    /// - Throws: `StoreError.invalid` when the role does not exist.
    public static func grant(to role: String, _ connection: Connection) throws {
        guard try connection.one(RoleExists(role: role)) else {
            throw StoreError.invalid("role \(role.quotedForMessage) does not exist; create it first (CREATE ROLE … LOGIN)")
        }
        // GRANT takes names, not parameters: the server quotes the bound table and role names
        // (`GrantStatement`), and the privilege lists are the fixed ones above.
        var grants: [(privileges: String, table: String)] = appendOnly.map { ("SELECT, INSERT", $0) }
        grants += readOnly.map { ("SELECT", $0) }
        grants += readWrite.sorted(by: { $0.key < $1.key }).map { ($0.value, $0.key) }
        try connection.transaction { c in
            var statements = [
                try c.one(GrantStatement(.schemaUsage, to: role)),
                try c.one(GrantStatement(.sequences, to: role)),
            ]
            for grant in grants {
                statements.append(try c.one(GrantStatement(.table(privileges: grant.privileges, table: grant.table), to: role)))
            }
            for statement in statements { try c.execute(script: statement) }
        }
    }
}
