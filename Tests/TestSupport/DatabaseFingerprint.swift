import Foundation
import Postgres

/// The whole content of a database, condensed for before/after comparisons.
///
/// For every table of schema `public` the fingerprint holds its row count and an MD5 of all
/// its rows (each row's text form, sorted), so any inserted, deleted or changed row shows.
/// Sequences are left out on purpose: PostgreSQL advances them even in a transaction that
/// rolls back, so a failed command may move them without changing any data.
public enum DatabaseFingerprint {
    /// Table name → `rows=N md5=…` for every user table in schema `public`.
    public static func capture(_ connection: Connection) throws -> [String: String] {
        let tables = try connection.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).map { try $0.decode(String.self, at: 0) }
        var fingerprint: [String: String] = [:]
        for table in tables {
            // Identifiers cannot be parameters; the name comes from the catalog and is quoted.
            let name = try connection.quotedIdentifier(table)
            let rows = try connection.query(
                "SELECT count(*)::text, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), 'empty') FROM public.\(name) t")
            guard let row = rows.first else { throw FingerprintError("no result for table \(table)") }
            let count = try row.decode(String.self, at: 0)
            let digest = try row.decode(String.self, at: 1)
            fingerprint[table] = "rows=\(count) md5=\(digest)"
        }
        if fingerprint.isEmpty { throw FingerprintError("schema public has no tables; is the database migrated?") }
        return fingerprint
    }

    /// The fingerprint of a test database.
    public static func capture(_ database: TestDatabase) async throws -> [String: String] {
        try await database.run { connection in try capture(connection) }
    }

    /// The number of rows of one table, from a fingerprint (nil if the table is not in it).
    public static func rowCount(_ fingerprint: [String: String], _ table: String) -> Int? {
        guard let entry = fingerprint[table], let field = entry.split(separator: " ").first,
              field.hasPrefix("rows=") else { return nil }
        return Int(field.dropFirst(5))
    }

    /// Table names whose entries differ between two fingerprints, for readable failures.
    public static func differences(_ before: [String: String], _ after: [String: String]) -> [String] {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }

    /// `pg_dump --data-only` of a database, without the lines that differ on every run
    /// (`\restrict`/`\unrestrict` keys, `setval` of sequences, comments); nil when `pg_dump`
    /// cannot be found or fails.
    public static func dataDump(url: String) async -> String? {
        (try? await Blocking.run { dataDumpBlocking(url: url) }) ?? nil
    }

    static func dataDumpBlocking(url: String) -> String? {
        let candidates = ["/usr/bin/pg_dump"] + ["17", "16", "15", "14"].map { "/usr/lib/postgresql/\($0)/bin/pg_dump" }
        guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--data-only", "--no-owner", "--no-privileges", "--dbname", url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in
                !(line.hasPrefix("\\restrict") || line.hasPrefix("\\unrestrict") || line.contains("pg_catalog.setval(")
                    || line.hasPrefix("--"))
            }
            .joined(separator: "\n")
    }
}

/// The fingerprint could not be taken.
public struct FingerprintError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
