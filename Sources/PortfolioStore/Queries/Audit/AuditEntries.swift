import Foundation
import Postgres

/// The audit entries of one entity, oldest first.
public struct AuditEntries: PostgresPreparedStatement {
    public var entity: String
    public var key: String

    public init(entity: String, key: String) {
        self.entity = entity
        self.key = key
    }

    public var query: PostgresQuery {
        """
        SELECT id, at, actor, action, entity, entity_key, before::text AS before, after::text AS after
        FROM audit_log WHERE entity = \(entity) AND entity_key = \(key) ORDER BY id
        """
    }

    public func decode(_ row: PostgresRow) throws -> AuditLog.Entry {
        AuditLog.Entry(
            id: try row.decode(Int.self, "id"), at: try row.decode(Date.self, "at"),
            actor: try row.decode(String.self, "actor"), action: try row.decode(String.self, "action"),
            entity: try row.decode(String.self, "entity"), key: try row.decode(String.self, "entity_key"),
            before: try row.decode(String?.self, "before"), after: try row.decode(String?.self, "after"))
    }
}
