import Postgres

/// Creates the staged rows' lenders not yet known (regardless of case), each with an audit entry.
public struct CreateImportedLenders: PostgresPreparedStatement {
    public var actor: String

    public init(actor: String) {
        self.actor = actor
    }

    public var query: PostgresQuery {
        """
        WITH wanted AS (
            SELECT DISTINCT ON (lower(n)) n FROM import_staging, unnest(lender_names) AS n ORDER BY lower(n), n
        ), created AS (
            INSERT INTO lenders (name) SELECT n FROM wanted ON CONFLICT ((lower(name))) DO NOTHING RETURNING name
        )
        INSERT INTO audit_log (actor, action, entity, entity_key, after)
        SELECT \(actor), 'lender.add', 'lender', name, jsonb_build_object('name', name, 'kind', 'other') FROM created
        """
    }
}
