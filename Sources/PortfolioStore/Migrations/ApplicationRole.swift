import Postgres

/// Grants an application role exactly the data privileges the CLI and the worker need, and
/// nothing that changes the schema: the schema belongs to the role that runs `migrate`.
public enum ApplicationRole {
    /// Tables the application reads and appends to, but never updates or deletes from.
    static let appendOnly = ["audit_log", "status_history", "value_history", "rollup_snapshots"]
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
    ]
    /// Tables the application only reads.
    static let readOnly = ["currencies", "schema_migrations"]

    /// Grants the privileges to `role` (which must exist) in the caller's transaction.
    ///
    /// - Throws: `StoreError.invalid` when the role does not exist.
    public static func grant(to role: String, _ connection: Connection) throws {
        guard try connection.query("SELECT count(*) FROM pg_roles WHERE rolname = $1", role).scalar(Int.self) == 1 else {
            throw StoreError.invalid("role \(role.quotedForMessage) does not exist; create it first (CREATE ROLE … LOGIN)")
        }
        // Names cannot be parameters: the role is quoted by libpq, table names are ours.
        let quoted = try connection.quotedIdentifier(role)
        var script = """
            GRANT USAGE ON SCHEMA public TO \(quoted);
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO \(quoted);

            """
        for table in appendOnly { script += "GRANT SELECT, INSERT ON \(table) TO \(quoted);\n" }
        for table in readOnly { script += "GRANT SELECT ON \(table) TO \(quoted);\n" }
        for (table, privileges) in readWrite.sorted(by: { $0.key < $1.key }) {
            script += "GRANT \(privileges) ON \(table) TO \(quoted);\n"
        }
        try connection.transaction { c in try c.execute(script: script) }
    }
}
