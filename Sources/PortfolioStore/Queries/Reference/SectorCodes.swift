import Postgres

/// Every sector code, in order.
public struct SectorCodes: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery { "SELECT code FROM sectors ORDER BY code" }

    public func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "code") }
}
