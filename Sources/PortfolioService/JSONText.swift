import Foundation

/// JSON as every document the programs write it: pretty-printed, keys sorted and snake_case,
/// dates in ISO 8601, ending with a newline.
public enum JSONText {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// Rows of text cells as an array of objects keyed by `header`.
    public static func objects(header: [String], rows: [[String]]) -> String {
        let objects = rows.map { Dictionary(zip(header, $0), uniquingKeysWith: { first, _ in first }) }
        return (try? encode(objects)) ?? "[]\n"
    }
}
