import Postgres

/// The stored code equal to `code` regardless of case.
public struct ProjectCodeLike: PostgresPreparedStatement {
    public var code: String

    public init(code: String) { self.code = code }

    public var query: PostgresQuery { "SELECT code FROM projects WHERE lower(code) = lower(\(code))" }

    public func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "code") }
}
