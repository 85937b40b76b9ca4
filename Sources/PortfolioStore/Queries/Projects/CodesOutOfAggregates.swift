import Postgres

/// The codes of the projects not counted in aggregates.
public struct CodesOutOfAggregates: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery { "SELECT code FROM projects WHERE NOT aggregates ORDER BY code" }

    public func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "code") }
}
