import CSV
import Foundation
import PortfolioCore

/// Maps a CSV header row to column positions: names matched without regard to case or
/// surrounding spaces, each at most once, the required ones present and no unknown ones.
public enum CSVHeader {
    /// The position of each column by name, or a `FILE:LINE:` problem naming what is wrong.
    public static func positions(
        of record: CSVRecord, required: [String], optional: [String], file: String
    ) -> Result<[String: Int], ImportFailure> {
        let names = record.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var found: [String: Int] = [:]
        for (position, name) in names.enumerated() { found[name] = position }
        let missing = required.filter { found[$0] == nil }
        let unknown = names.filter { !required.contains($0) && !optional.contains($0) }
        guard missing.isEmpty, unknown.isEmpty, found.count == names.count else {
            let shape = (required + optional.map { "[\($0)]" }).joined(separator: ",")
            return .failure(ImportFailure(problems: ["\(file):\(record.line): header must be \(shape)"
                + (missing.isEmpty ? "" : "; missing \(missing.joined(separator: ", "))")
                + (unknown.isEmpty ? "" : "; unknown \(unknown.joined(separator: ", "))")]))
        }
        return .success(found)
    }
}
