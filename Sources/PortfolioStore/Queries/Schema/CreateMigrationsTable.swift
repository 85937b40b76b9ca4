import Postgres

/// Creates the table of applied migrations unless it exists.
public struct CreateMigrationsTable: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer PRIMARY KEY,
            name       text NOT NULL,
            checksum   text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """
    }
}
