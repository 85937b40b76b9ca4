import CLibPQ

/// A statement fixed at compile time: its SQL, its parameters and how one of its rows decodes.
///
/// The SQL is a constant, so it can be listed and prepared against the schema by a test
/// (`Connection.prepareOnly`), and each result column is read by name.
public protocol PostgresPreparedStatement: Sendable {
    /// What one row decodes to.
    associatedtype Row: Sendable
    /// The SQL, with `$1`, `$2`, … placeholders.
    static var sql: String { get }
    /// The parameters, in placeholder order.
    var binds: [PostgresBind] { get }
    /// Decodes one row.
    func decode(_ row: PostgresRow) throws -> Row
}

extension Connection {
    /// Runs `statement` (prepared once per connection, like every repeated query) and decodes
    /// its rows.
    @available(*, noasync)
    public func run<Statement: PostgresPreparedStatement>(_ statement: Statement) throws -> [Statement.Row] {
        try query(Statement.sql, statement.binds).map { try statement.decode($0) }
    }

    /// Runs `statement` and returns how many rows it changed, for statements without rows.
    @discardableResult
    @available(*, noasync)
    public func execute<Statement: PostgresPreparedStatement>(_ statement: Statement) throws -> Int where Statement.Row == Void {
        try query(Statement.sql, statement.binds).affectedRows
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
