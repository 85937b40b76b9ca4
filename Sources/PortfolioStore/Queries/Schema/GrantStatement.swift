import Postgres

/// A GRANT to `role`, written by the server, which quotes the names with `format('%I')`:
/// GRANT takes names, not parameters. `privileges` comes from the fixed lists of
/// `ApplicationRole`, never from input.
public struct GrantStatement: PostgresPreparedStatement {
    public enum Grant: Sendable {
        /// USAGE on the public schema.
        case schemaUsage
        /// USAGE and SELECT on every sequence of the public schema.
        case sequences
        /// `privileges` on `table`.
        case table(privileges: String, table: String)
    }

    public var grant: Grant
    public var role: String

    public init(_ grant: Grant, to role: String) {
        self.grant = grant
        self.role = role
    }

    public var query: PostgresQuery {
        switch grant {
        case .schemaUsage:
            "SELECT format('GRANT USAGE ON SCHEMA public TO %I', \(role)::text) AS statement"
        case .sequences:
            "SELECT format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', \(role)::text) AS statement"
        case .table(let privileges, let table):
            "SELECT format('GRANT %s ON TABLE %I TO %I', \(privileges)::text, \(table)::text, \(role)::text) AS statement"
        }
    }

    public func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "statement") }
}
