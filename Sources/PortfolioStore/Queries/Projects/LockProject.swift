import Postgres

/// Locks the project with this code for the transaction; returns its id and version.
public struct LockProject: PostgresPreparedStatement {
    public var code: String

    public init(code: String) { self.code = code }

    public var query: PostgresQuery { "SELECT id, version FROM projects WHERE code = \(code) FOR UPDATE" }

    public func decode(_ row: PostgresRow) throws -> (id: Int, version: Int) {
        (try row.decode(Int.self, "id"), try row.decode(Int.self, "version"))
    }
}
