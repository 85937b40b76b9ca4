import CLibPQ

/// One named statement of a program: its inputs as properties, its SQL written as a
/// `PostgresQuery` (each interpolated input is a bound parameter) and how one of its rows
/// decodes, by column name.
///
/// ```swift
/// struct ProjectName: PostgresPreparedStatement {
///     var code: String
///     var query: PostgresQuery { "SELECT name FROM projects WHERE code = \(code)" }
///     func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "name") }
/// }
/// let names = try connection.run(ProjectName(code: "HYD-01"))
/// ```
///
/// A statement run more than once on a connection is prepared there once (see
/// `StatementCache`). `Connection.prepareOnly(_:)` checks one against the schema without
/// running it, so a test can prepare every statement of a program.
public protocol PostgresPreparedStatement: Sendable {
    /// What one row decodes to (`Void` for a statement whose rows are not read).
    associatedtype Row: Sendable = Void
    /// The SQL and its parameters.
    var query: PostgresQuery { get }
    /// Decodes one row.
    func decode(_ row: PostgresRow) throws -> Row
}

extension PostgresPreparedStatement where Row == Void {
    public func decode(_ row: PostgresRow) throws {}
}

extension Connection {
    /// Runs `statement` and decodes its rows.
    @available(*, noasync)
    public func run<Statement: PostgresPreparedStatement>(_ statement: Statement) throws -> [Statement.Row] {
        let query = statement.query
        return try self.query(query.sql, query.binds).map { try statement.decode($0) }
    }

    /// Runs `statement` and decodes its first row, if any.
    @available(*, noasync)
    public func first<Statement: PostgresPreparedStatement>(_ statement: Statement) throws -> Statement.Row? {
        let query = statement.query
        return try self.query(query.sql, query.binds).first.map { try statement.decode($0) }
    }

    /// Runs `statement`, which must return exactly one row, and decodes it.
    ///
    /// - Throws: `PostgresError` of kind `.decoding` when it returns no row.
    @available(*, noasync)
    public func one<Statement: PostgresPreparedStatement>(_ statement: Statement) throws -> Statement.Row {
        guard let row = try first(statement) else {
            throw PostgresError(.decoding, "expected one row from \(Statement.self), got none")
        }
        return row
    }

    /// Runs `statement` and returns how many rows it changed (or returned).
    @discardableResult
    @available(*, noasync)
    public func execute<Statement: PostgresPreparedStatement>(_ statement: Statement) throws -> Int {
        let query = statement.query
        return try self.query(query.sql, query.binds).affectedRows
    }

    /// Prepares `statement` as the unnamed statement without running it, with its parameters'
    /// types: the server parses it and checks every table, column and type against the schema.
    ///
    /// - Throws: the server's error (a renamed column is SQLSTATE 42703).
    @available(*, noasync)
    public func prepareOnly<Statement: PostgresPreparedStatement>(_ statement: Statement) throws {
        let query = statement.query
        try prepareOnly(query.sql, types: query.binds.map(\.type))
    }
}

extension Connection {
    /// Prepares `sql` as the unnamed statement without running it: the server parses it and
    /// checks every table, column and type against the schema, with parameters of `types`
    /// (unknown where not given). For tests that check every statement of a program.
    ///
    /// - Throws: the server's error (a renamed column is SQLSTATE 42703).
    @available(*, noasync)
    public func prepareOnly(_ sql: String, types: [OID] = []) throws {
        try withHandle { pointer in
            let oids = types.map(\.rawValue)
            _ = try consume(PQprepare(pointer, "", sql, Int32(oids.count), oids.isEmpty ? nil : oids), pointer)
        }
    }
}
