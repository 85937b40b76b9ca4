import Postgres

/// Drops the staged rows whose code (regardless of case) a stored project has.
public struct SkipStagedCodesTaken: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        DELETE FROM import_staging s USING projects p WHERE lower(p.code) = lower(s.code)
        """
    }
}
