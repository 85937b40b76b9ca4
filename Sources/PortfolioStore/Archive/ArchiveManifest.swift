import Foundation

/// `manifest.json` of an archive: what wrote it, at which schema version, and each table's rows.
public struct ArchiveManifest: Codable, Sendable, Equatable {
    /// Always `portfolio-archive`.
    public var format: String
    /// The archive layout's version: 1.
    public var version: Int
    /// The newest migration of the database it was written from.
    public var schemaVersion: Int
    /// The file of every table, with its row count.
    public var tables: [String: Int]

    public static let formatName = "portfolio-archive"
    public static let currentVersion = 1
    public static let fileName = "manifest.json"

    enum CodingKeys: String, CodingKey {
        case format, version, tables
        case schemaVersion = "schema_version"
    }

    /// Pretty JSON with sorted keys and a final newline.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
