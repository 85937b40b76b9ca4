import Postgres

/// How many rows are staged.
public struct CountStagedProjects: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        SELECT count(*) AS staged FROM import_staging
        """
    }

    public func decode(_ row: PostgresRow) throws -> Int { try row.decode(Int.self, "staged") }
}
