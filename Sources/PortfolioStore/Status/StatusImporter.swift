import Foundation
import PortfolioCore
import Postgres

/// Queues status changes from CSV (`code,status,effective_date,note,key`) as `status.apply`
/// jobs, all or nothing: every bad row is reported and nothing is queued.
///
/// A row is bad when a field does not parse, when its key repeats an earlier row's, and when
/// the store can tell its change would be refused once applied: an unknown project, a date
/// before the project's last recorded change or before a change already scheduled for it, or a
/// transition the status machine forbids from the status the earlier changes lead to. Rows
/// whose key was applied or queued before are skipped and counted.
public struct StatusImporter: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// What an import queued.
    public struct Report: Sendable, Equatable {
        /// Changes queued for the worker.
        public var queued = 0
        /// Rows skipped because their key was applied or queued before.
        public var duplicates = 0

        public init(queued: Int = 0, duplicates: Int = 0) {
            self.queued = queued
            self.duplicates = duplicates
        }
    }

    /// One row that parsed, with its file line.
    struct Row {
        let line: Int
        let request: StatusChangeRequest
    }

    public func importFile(path filePath: String, actor: String) throws -> Report {
        var problems: [(Int, String)] = []
        let (records, path) = try CSVImportFile.rows(
            filePath, required: ["code", "status", "effective_date"], optional: ["note", "key"], problems: &problems)
        var rows: [Row] = []
        var keysInFile: [String: Int] = [:]
        for record in records {
            func field(_ name: String) -> String { record[name] }
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
            if !key.isEmpty {
                // Two rows with one key: which of them was meant is unknown.
                if let first = keysInFile[key] {
                    rowProblems.append("key: \(key.quotedForMessage) appears again (first on line \(first))")
                } else {
                    keysInFile[key] = record.line
                }
            }
            guard rowProblems.isEmpty, let status, let effective else {
                problems.append(contentsOf: rowProblems.map { (record.line, $0) })
                continue
            }
            rows.append(Row(line: record.line, request: StatusChangeRequest(
                code: code, status: status, effective: effective, note: note.isEmpty ? nil : note,
                forced: false, actor: actor, key: key.isEmpty ? "import:\(UUID().uuidString.lowercased())" : key)))
        }
        return try connection.transaction { c in
            let checked = try StatusImporter(c).check(rows)
            problems += checked.problems
            if !problems.isEmpty {
                throw ImportFailure(problems: problems, path: path)
            }
            var report = Report(duplicates: checked.seenBefore)
            let now = LocalDate.today()
            let jobs = try checked.accepted.map { row in
                try JobRequest(kind: StatusStore.applyJobKind, encoding: row.request, queue: "status",
                               runAt: row.request.effective > now ? row.request.effective.startOfDay() : nil, uniqueKey: row.request.key)
            }
            let inserted = try JobInserter.enqueue(c, jobs).count
            // A job with the same key queued meanwhile absorbs the row's.
            report.duplicates += jobs.count - inserted
            report.queued = inserted
            try AuditLog.record(c, actor: actor, action: "status.import", entity: "file", key: path,
                                before: [String: Int]?.none, after: ["queued": inserted])
            return report
        }
    }
}
