import Postgres

/// Records an audit entry for each staged project.
public struct AuditStagedProjects: PostgresPreparedStatement {
    public var actor: String

    public init(actor: String) {
        self.actor = actor
    }

    public var query: PostgresQuery {
        """
        INSERT INTO audit_log (actor, action, entity, entity_key, after)
        SELECT \(actor), 'project.import', 'project', s.code, to_jsonb(s) - 'line' FROM import_staging s ORDER BY s.line
        """
    }
}
