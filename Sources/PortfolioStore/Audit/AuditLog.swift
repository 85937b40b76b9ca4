import Foundation
import Postgres

/// Writes the append-only audit trail: who, when, what, before and after.
public enum AuditLog {
    /// Records one change in the caller's transaction. `before` and `after` are stored as JSON.
    public static func record<Before: Encodable, After: Encodable>(
        _ connection: Connection, actor: String, action: String, entity: String, key: String,
        before: Before?, after: After?
    ) throws {
        try connection.query(
            "INSERT INTO audit_log (actor, action, entity, entity_key, before, after) VALUES ($1, $2, $3, $4, $5, $6)",
            [PostgresBind(actor), PostgresBind(action), PostgresBind(entity), PostgresBind(key),
             PostgresBind(type: .jsonb, text: try encoded(before)), PostgresBind(type: .jsonb, text: try encoded(after))])
    }

    /// A value as the trail stores it: JSON with sorted keys and ISO 8601 dates; nil stays nil.
    static func encoded<T: Encodable>(_ value: T?) throws -> String? {
        guard let value else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// An audit entry as read back.
    public struct Entry: Sendable, Codable, Equatable {
        public let id: Int
        public let at: Date
        public let actor: String
        public let action: String
        public let entity: String
        public let key: String
        public let before: String?
        public let after: String?
    }

    /// The entries for one entity, oldest first.
    public static func entries(_ connection: Connection, entity: String, key: String) throws -> [Entry] {
        try connection.query(
            "SELECT id, at, actor, action, entity, entity_key, before::text, after::text FROM audit_log WHERE entity = $1 AND entity_key = $2 ORDER BY id",
            entity, key
        ).map { row in
            Entry(
                id: try row.decode(Int.self, at: 0), at: try row.decode(Date.self, at: 1),
                actor: try row.decode(String.self, at: 2), action: try row.decode(String.self, at: 3),
                entity: try row.decode(String.self, at: 4), key: try row.decode(String.self, at: 5),
                before: try row.decode(String?.self, at: 6), after: try row.decode(String?.self, at: 7))
        }
    }
}
