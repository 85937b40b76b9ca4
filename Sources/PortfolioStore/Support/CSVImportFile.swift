import CSV
import Foundation

/// What every CSV import shares: opening its file, and its problems reported by line.
enum CSVImportFile {
    /// A reader over the file at `filePath`, and the path as messages name it.
    ///
    /// - Throws: `StoreError.unreadable` (exit 66) when it is missing, a folder, or unreadable.
    static func open(_ filePath: String, options: CSVOptions = CSVOptions()) throws -> (reader: CSVReader<CSVFileSource>, path: String) {
        let path = filePath.escapedForMessage
        guard !filePath.isEmpty else { throw StoreError.unreadable("the file's path is empty") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: filePath, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw StoreError.unreadable("\(path): no such file")
        }
        do {
            return (try CSVReader(path: filePath, options: options), path)
        } catch {
            throw StoreError.unreadable("\(path): cannot be read (\(error))")
        }
    }
}

extension CSVImportFile {
    /// One data row of an import file, its fields by header name (trimmed; "" when absent).
    struct Row {
        let line: Int
        let fields: [String]
        let positions: [String: Int]

        subscript(_ name: String) -> String {
            positions[name].map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
        }
    }

    /// The data rows of the file at `filePath` with the header `required` (+ `optional`) columns.
    /// A record that does not read, or has another number of fields than the header, is added to
    /// `problems`; an empty file too, naming the header it expects.
    ///
    /// - Throws: `StoreError.unreadable` when the file cannot be read; the header's refusal.
    static func rows(
        _ filePath: String, required: [String], optional: [String], problems: inout [(Int, String)]
    ) throws -> (rows: [Row], path: String) {
        let (reader, path) = try open(filePath)
        var rows: [Row] = []
        var positions: [String: Int]?
        for result in reader {
            let record: CSVRecord
            switch result {
            case .failure(let error):
                if error.kind == .readFailed { throw StoreError.unreadable("\(path): \(error.message)") }
                problems.append((error.line, error.message))
                continue
            case .success(let value): record = value
            }
            guard let map = positions else {
                switch CSVHeader.positions(of: record, required: required, optional: optional, file: path) {
                case .success(let found): positions = found
                case .failure(let failure): throw failure
                }
                continue
            }
            guard record.fields.count == map.count else {
                problems.append((record.line, "has \(record.fields.count) fields; the header has \(map.count)"))
                continue
            }
            rows.append(Row(line: record.line, fields: record.fields, positions: map))
        }
        if positions == nil {
            problems.append((1, "the file is empty; expected a header row \((required + optional).joined(separator: ","))"))
        }
        return (rows, path)
    }
}

extension ImportFailure {
    /// `(line, problem)` pairs as `PATH:LINE: problem`, by line, in the order found within a line.
    init(problems: [(Int, String)], path: String) {
        let sorted = problems.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
        self.init(problems: sorted.map { "\(path):\($0.element.0): \($0.element.1)" })
    }
}
