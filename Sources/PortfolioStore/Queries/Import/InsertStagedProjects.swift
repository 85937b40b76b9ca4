import Postgres

/// Inserts the staged projects, in file order.
public struct InsertStagedProjects: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        INSERT INTO projects (code, name, sector_code, status, value_minor, currency, value_date, start_date, end_date,
                              location, description, aggregates)
        SELECT code, name, sector, status, value_minor, currency, value_date, start_date, end_date, location, description, aggregates
        FROM import_staging ORDER BY line
        """
    }
}
