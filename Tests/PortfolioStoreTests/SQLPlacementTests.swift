import Foundation
import Testing

/// Where SQL may be written: statements live in `Sources/PortfolioStore/Queries` (and the
/// client's own plumbing in `Sources/Postgres`); everywhere else code calls them by name. Inside
/// the Queries folder, text pasted into SQL by Swift interpolation is allowed only in a
/// `PostgresQuery`, whose interpolation binds.
@Suite("SQL placement")
struct SQLPlacementTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources").standardizedFileURL

    /// Words that start or shape a statement, as the project writes SQL (keywords upper case,
    /// names lower case), so that prose and privilege lists do not match.
    static let statementPattern =
        #"\b(SELECT\s+[a-z0-9_*('$]|INSERT\s+INTO\s|DELETE\s+FROM\s|UPDATE\s+[a-z_]+\s+SET\s|CREATE\s+(TEMP\s+|UNIQUE\s+)?(TABLE|INDEX|FUNCTION|TRIGGER|VIEW)\s|ALTER\s+TABLE\s|DROP\s+(TABLE|INDEX)\s|WITH\s+[a-z_]+\s+AS\s+\(|LISTEN\s|NOTIFY\s|COPY\s+[a-z_]+)"#

    static func isStatement(_ line: some StringProtocol, _ pattern: Regex<AnyRegexOutput>? = nil) throws -> Bool {
        String(line).contains(try pattern ?? Regex(statementPattern))
    }

    static func swiftFiles() -> [URL] {
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var found: [URL] = []
        while let file = files?.nextObject() as? URL {
            if file.pathExtension == "swift" { found.append(file) }
        }
        return found.sorted { $0.path < $1.path }
    }

    static func relative(_ file: URL) -> String {
        String(file.path.dropFirst(sources.path.count + 1))
    }

    @Test("no SQL statement is written outside PortfolioStore/Queries and Postgres")
    func statementsLiveInQueries() throws {
        let files = Self.swiftFiles()
        #expect(files.count > 100, "the Sources folder was not found: \(files.count) files")
        var misplaced: [String] = []
        let pattern = try Regex(Self.statementPattern)
        for file in files {
            let path = Self.relative(file)
            if path.hasPrefix("PortfolioStore/Queries/") || path.hasPrefix("Postgres/") { continue }
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                if try Self.isStatement(line, pattern) { misplaced.append("\(path):\(number + 1): \(code)") }
            }
        }
        #expect(misplaced == [])
    }

    @Test("the check finds a statement written in a string")
    func checkFindsStatements() throws {
        #expect((try Self.isStatement("let sql = \"SELECT id FROM jobs\"")))
        #expect((try Self.isStatement("    UPDATE jobs SET state = 'running'")))
        #expect((try Self.isStatement("WITH next AS (")))
        #expect(!(try Self.isStatement("\"projects\": \"SELECT, INSERT, UPDATE\",")))
        #expect(!(try Self.isStatement("/// Select the projects to update.")))
    }

    @Test("SQL held in a String in the Queries folder interpolates nothing")
    func noInterpolationIntoStringSQL() throws {
        var pasted: [String] = []
        for file in Self.swiftFiles() where Self.relative(file).hasPrefix("PortfolioStore/Queries/") {
            var inStringLiteral = false
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                let opens = line.hasSuffix("\"\"\"")
                if !inStringLiteral, opens, line.contains("="), !line.contains("PostgresQuery") {
                    inStringLiteral = true
                    continue
                }
                if inStringLiteral {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.hasPrefix("\"\"\"") { inStringLiteral = false; continue }
                    if line.contains("\\(") || line.contains("\\#(") {
                        pasted.append("\(Self.relative(file)):\(number + 1): \(trimmed)")
                    }
                }
            }
        }
        #expect(pasted == [])
    }
}
