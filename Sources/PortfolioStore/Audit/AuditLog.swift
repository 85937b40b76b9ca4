import Foundation
import Postgres

/// Writes the append-only audit trail: who, when, what, before and after.
public enum AuditLog {
    /// Records one change in the caller's transaction. `before` and `after` are stored as JSON.
    public static func record<Before: Encodable, After: Encodable>(
        _ connection: Connection, actor: String, action: String, entity: String, key: String,
        before: Before?, after: After?
    ) throws {
        try connection.execute(InsertAuditEntry(
            actor: actor, action: action, entity: entity, key: key, before: try encoded(before), after: try encoded(after)))
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
        try connection.run(AuditEntries(entity: entity, key: key))
    }
}
