import Postgres

/// A temporary table for the rows of a project import, dropped at commit.
public struct CreateProjectStaging: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        CREATE TEMP TABLE import_staging (
            line int NOT NULL, code text NOT NULL, name text NOT NULL, sector text NOT NULL, status text NOT NULL,
            value_minor bigint NOT NULL, currency text NOT NULL, value_date date NOT NULL, start_date date, end_date date,
            location text, description text, lender_names text[] NOT NULL, lender_shares int[] NOT NULL,
            aggregates boolean NOT NULL
        ) ON COMMIT DROP
        """
    }
}
