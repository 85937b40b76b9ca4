import Postgres

/// Appends one entry to the audit trail; `before` and `after` are JSON.
public struct InsertAuditEntry: PostgresPreparedStatement {
    public var actor: String
    public var action: String
    public var entity: String
    public var key: String
    public var before: String?
    public var after: String?

    public init(actor: String, action: String, entity: String, key: String, before: String?, after: String?) {
        self.actor = actor
        self.action = action
        self.entity = entity
        self.key = key
        self.before = before
        self.after = after
    }

    public var query: PostgresQuery {
        """
        INSERT INTO audit_log (actor, action, entity, entity_key, before, after)
        VALUES (\(actor), \(action), \(entity), \(key), \(bind: PostgresBind(type: .jsonb, text: before)),
                \(bind: PostgresBind(type: .jsonb, text: after)))
        """
    }
}
