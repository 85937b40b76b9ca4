import Postgres

/// Locks the project with this code for the transaction; returns its id and status as stored.
public struct LockProjectStatus: PostgresPreparedStatement {
    public var code: String

    public init(code: String) { self.code = code }

    public var query: PostgresQuery { "SELECT id, status FROM projects WHERE code = \(code) FOR UPDATE" }

    public func decode(_ row: PostgresRow) throws -> (id: Int, status: String) {
        (try row.decode(Int.self, "id"), try row.decode(String.self, "status"))
    }
}
