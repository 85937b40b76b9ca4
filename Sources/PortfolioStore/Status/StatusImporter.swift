import Foundation
import Postgres
import PortfolioCore

/// Queues status changes from CSV (`code,status,effective_date,note,key`) as `status.apply`
/// jobs, all or nothing: every bad row is reported and nothing is queued.
public struct StatusImporter: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    public struct Report: Sendable, Equatable {
        public var queued = 0
        public var duplicates = 0
    }

    public func importFile(path filePath: String, actor: String) throws -> Report {
        let path = filePath.escapedForMessage
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: filePath, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw StoreError.unreadable("\(path): no such file")
        }
        let reader: CSVReader<CSVFileSource>
        do {
            reader = try CSVReader(path: filePath)
        } catch {
            throw StoreError.unreadable("\(path): cannot be read (\(error))")
        }
        var problems: [(Int, String)] = []
        var requests: [(line: Int, request: StatusChangeRequest)] = []
        var index: [String: Int]?
        var keysInFile: [String: Int] = [:]
        for result in reader {
            let record: CSVRecord
            switch result {
            case .failure(let error):
                if error.kind == .readFailed { throw StoreError.unreadable("\(path): \(error.message)") }
                problems.append((error.line, error.message))
                continue
            case .success(let value): record = value
            }
            guard let map = index else {
                switch CSVHeader.positions(of: record, required: ["code", "status", "effective_date"], optional: ["note", "key"], file: path) {
                case .success(let found): index = found
                case .failure(let failure): throw failure
                }
                continue
            }
            guard record.fields.count == map.count else {
                problems.append((record.line, "has \(record.fields.count) fields; the header has \(map.count)"))
                continue
            }
            func field(_ name: String) -> String {
                map[name].map { record.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
            }
            var rowProblems: [String] = []
            let code = field("code")
            if code.isEmpty { rowProblems.append("code: is empty") }
            var status: ProjectStatus?
            do { status = try ProjectStatus.parse(field("status")) } catch { rowProblems.append("status: \(error.message)") }
            var effective: LocalDate?
            do { effective = try LocalDate.parse(field("effective_date")) } catch { rowProblems.append("effective_date: \(error.message)") }
            let note = field("note")
            if note.count > 2000 || note.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                rowProblems.append("note: must be at most 2000 characters without control characters")
            }
            let key = field("key")
            if key.count > 200 { rowProblems.append("key: is longer than 200 characters") }
            if !key.isEmpty, let first = keysInFile[key] {
                // The same key again: applied once; later rows are skipped.
                _ = first
                continue
            }
            guard rowProblems.isEmpty, let status, let effective else {
                problems.append(contentsOf: rowProblems.map { (record.line, $0) })
                continue
            }
            if !key.isEmpty { keysInFile[key] = record.line }
            requests.append((record.line, StatusChangeRequest(
                code: code, status: status, effective: effective, note: note.isEmpty ? nil : note,
                forced: false, actor: actor, key: key.isEmpty ? "import:\(UUID().uuidString.lowercased())" : key)))
        }
        if index == nil { problems.append((1, "the file is empty; expected a header row code,status,effective_date,note,key")) }
        return try connection.transaction { c in
            let codes = Array(Set(requests.map(\.request.code)))
            let known = Set(try c.query("SELECT code FROM projects WHERE code = ANY($1::text[])", codes).map { try $0.decode(String.self, at: 0) })
            for (line, request) in requests where !known.contains(request.code) {
                problems.append((line, "code: no project with code \(request.code.quotedForMessage)"))
            }
            if !problems.isEmpty {
                let sorted = problems.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
                throw ImportFailure(problems: sorted.map { "\(path):\($0.element.0): \($0.element.1)" })
            }
            let keys = requests.compactMap(\.request.key)
            let seen = Set(try c.query("SELECT request_key FROM status_history WHERE request_key = ANY($1::text[])", keys)
                .map { try $0.decode(String.self, at: 0) })
            var report = Report()
            var jobs: [JobRequest] = []
            let now = LocalDate.today()
            for (_, request) in requests {
                if let key = request.key, seen.contains(key) {
                    report.duplicates += 1
                    continue
                }
                jobs.append(try JobRequest(kind: StatusStore.applyJobKind, encoding: request, queue: "status",
                                           runAt: request.effective > now ? request.effective.startOfDay() : nil, uniqueKey: request.key))
            }
            let inserted = try JobInserter.enqueue(c, jobs).count
            report.duplicates += jobs.count - inserted
            report.queued = inserted
            try AuditLog.record(c, actor: actor, action: "status.import", entity: "file", key: path,
                                before: [String: Int]?.none, after: ["queued": inserted])
            return report
        }
    }
}
