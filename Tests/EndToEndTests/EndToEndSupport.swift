import Foundation
import Testing
import TestSupport

/// The sample portfolio as the file holds it, to compute what listings must show.
struct SampleRow: Sendable {
    let code, name, sector, status, value, currency, valueDate: String
    /// Lender names as written.
    let lenders: [String]
    /// The whole line, lenders in a canonical order (sorted), for comparing with exports.
    let normalizedLine: String

    /// Every row of `Config/sample-portfolio.csv` (its fields hold no quotes or commas).
    static let all: [SampleRow] = {
        guard let text = try? String(contentsOfFile: PortfolioCLI.samplePath, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline).dropFirst().map { SampleRow(line: String($0)) }
    }()

    init(line: String) {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        code = fields[0]; name = fields[1]; sector = fields[2]; status = fields[3]
        value = fields[4]; currency = fields[5]; valueDate = fields[6]
        lenders = fields[7].split(separator: ";").map { String($0.split(separator: "=")[0]) }
        normalizedLine = normalizeCSVLine(line)
    }
}

/// A simple CSV line (no quotes) with its lenders field (the 8th) sorted, so the order of
/// lenders with equal shares does not matter.
func normalizeCSVLine(_ line: String) -> String {
    var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    if fields.count > 7 {
        fields[7] = fields[7].split(separator: ";").map(String.init).sorted().joined(separator: ";")
    }
    return fields.joined(separator: ",")
}

/// Parses stdout as JSON.
func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
}

/// Parses stdout as a JSON object.
func jsonObject(_ text: String) throws -> [String: Any] {
    guard let object = try json(text) as? [String: Any] else { throw JSONShapeError("not an object: \(text.prefix(300))") }
    return object
}

/// Parses stdout as a JSON array of objects.
func jsonArray(_ text: String) throws -> [[String: Any]] {
    guard let array = try json(text) as? [[String: Any]] else { throw JSONShapeError("not an array of objects: \(text.prefix(300))") }
    return array
}

struct JSONShapeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The data lines of CSV output (after the header), for output whose fields hold no line breaks.
func csvDataLines(_ text: String) -> [String] {
    Array(text.split(separator: "\n").dropFirst().map(String.init))
}

/// The first field of each data line: the codes of a project listing.
func codes(ofCSV text: String) -> [String] {
    csvDataLines(text).map { String($0.split(separator: ",", maxSplits: 1)[0]) }
}

/// Today's date in UTC as YYYY-MM-DD, as the CLI computes it.
func todayUTC() -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
}

/// Runs `body` with a fresh database holding the sample portfolio.
func withSampleDatabase<T: Sendable>(actor: String = "e2e-tests", _ body: (TestDatabase, PortfolioCLI) async throws -> T) async throws -> T {
    try await TestDatabase.with { db in
        let cli = PortfolioCLI(db, actor: actor)
        try await cli.loadSample()
        return try await body(db, cli)
    }
}

/// Expects a run to have succeeded with nothing on stderr.
func expectSuccess(_ run: ExecutableRun, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.status == 0, "\(what): \(run.summary)", sourceLocation: sourceLocation)
    #expect(run.stderr.isEmpty, "\(what): unexpected stderr: \(run.stderr.prefix(1000))", sourceLocation: sourceLocation)
}

/// The value of a `label  value` line of `project show` text output (labels are padded to the
/// widest one, so the spacing varies), or nil if there is no such line.
func shownField(_ label: String, in text: String) -> String? {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) where line.hasPrefix(label + " ") {
        let rest = line.dropFirst(label.count)
        guard rest.hasPrefix("  ") else { continue }
        return String(rest.drop { $0 == " " })
    }
    return nil
}
