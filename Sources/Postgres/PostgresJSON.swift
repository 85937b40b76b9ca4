import Foundation

/// A `jsonb` value as its JSON text.
public struct PostgresJSON: Sendable, Hashable, PostgresEncodable, PostgresDecodable {
    public var text: String

    public init(text: String) { self.text = text }

    /// Encodes a value with sorted keys.
    public init<Value: Encodable>(encoding value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes the JSON into a value.
    public func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    public static var postgresType: OID { .jsonb }
    public var postgresText: String? { text }

    public static func decode(postgresText text: String, type: OID) -> PostgresJSON? {
        guard type == .jsonb || type == .json || OID.texts.contains(type) else { return nil }
        return PostgresJSON(text: text)
    }
}
