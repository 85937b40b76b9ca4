import Foundation
import PortfolioCore
import Postgres

/// Records transactions from CSV (`code,type,lender,amount,currency,date,ref,note`), all or
/// nothing, in file order, in one transaction.
///
/// Every row that does not parse is reported at once, each as `FILE:LINE`; then the rows are
/// recorded in order and the first the database refuses (an unknown project or lender, a lender
/// not financing the project, a date after today, a reference already recorded, disbursements
/// above the commitment) is reported with its line, and nothing is kept. A reference repeated
/// within the file is a bad row too, so an import with references can be run again: its second
/// run is refused whole instead of doubling anything.
public struct LedgerImporter: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    static let required = ["code", "type", "lender", "amount", "currency", "date"]
    static let optional = ["ref", "note"]

    /// Records every row of the file at `path`; returns how many.
    public func importFile(path filePath: String, actor: String) throws -> Int {
        let (rows, path) = try Self.parse(filePath)
        return try connection.transaction { c in
            let store = LedgerStore(c)
            var written: [LedgerStore.Written] = []
            written.reserveCapacity(rows.count)
            for row in rows {
                do {
                    written.append(try store.record(row.entry, actor: actor, where: "\(path):\(row.line)"))
                } catch let error as StoreError {
                    throw ImportFailure(problems: [error.description])
                }
            }
            try store.recordRollupChanges(written)
            try AuditLog.record(c, actor: actor, action: "transaction.import", entity: "file", key: path,
                                before: [String: Int]?.none, after: ["recorded": rows.count])
            return rows.count
        }
    }

    /// Every row of the file, or every problem of the rows that do not parse (`FILE:LINE`),
    /// a reference repeated for one project among them.
    static func parse(_ filePath: String) throws -> (rows: [(line: Int, entry: LedgerEntry)], path: String) {
        var problems: [(Int, String)] = []
        let (records, path) = try CSVImportFile.rows(filePath, required: Self.required, optional: Self.optional, problems: &problems)
        var rows: [(line: Int, entry: LedgerEntry)] = []
        var references: [String: Int] = [:]
        for record in records {
            switch Self.entry({ record[$0] }) {
            case .failure(let failure):
                problems.append(contentsOf: failure.problems.map { (record.line, $0.description) })
            case .success(let entry):
                if let reference = entry.reference {
                    let key = entry.projectCode + "\u{0}" + reference
                    if let first = references[key] {
                        problems.append((record.line, "ref: \(reference.quotedForMessage) appears again for \(entry.projectCode) (first on line \(first))"))
                        continue
                    }
                    references[key] = record.line
                }
                rows.append((record.line, entry))
            }
        }
        if !problems.isEmpty { throw ImportFailure(problems: problems, path: path) }
        return (rows, path)
    }

    /// Queues every row of the file at `path` as a `ledger.record` job for the worker, all or
    /// nothing, in one transaction: each row's project and lender are checked first (the lender
    /// finances the project, a rate converts the amount, the date is not after today), and
    /// every row that fails is reported as `FILE:LINE`. A row whose reference is recorded or
    /// queued already is skipped and counted, so a file can be queued again. What depends on
    /// the order of recording (disbursements within the commitment) is checked when the worker
    /// records it; a refused job is discarded with the reason (`portfolio jobs list`).
    public func queueFile(path filePath: String, actor: String, today: LocalDate = .today()) throws -> (queued: Int, skipped: Int) {
        let (rows, path) = try Self.parse(filePath)
        return try connection.transaction { c in
            var problems: [(Int, String)] = []
            var jobs: [JobRequest] = []
            var skipped = 0
            for row in rows {
                let entry = row.entry
                guard let parties = try c.first(LedgerParties(code: entry.projectCode, lender: entry.lender)) else {
                    problems.append((row.line, ProjectStore.notFound(entry.projectCode, c).description))
                    continue
                }
                guard let lenderName = parties.lenderName else {
                    problems.append((row.line, "lender: no lender named \(entry.lender.quotedForMessage)"))
                    continue
                }
                guard parties.finances else {
                    problems.append((row.line, "lender: \(lenderName.quotedForMessage) does not finance \(entry.projectCode)"))
                    continue
                }
                if entry.valueDate > today {
                    problems.append((row.line, "date: \(entry.valueDate) is after today; record a transaction once it has happened"))
                    continue
                }
                do {
                    try RateCoverage.require(c, entry.amount.currency, on: entry.valueDate, for: entry.projectCode)
                } catch let error as StoreError {
                    problems.append((row.line, error.description))
                    continue
                }
                if let reference = entry.reference, try c.one(LedgerReferenceRecorded(code: entry.projectCode, reference: reference)) {
                    skipped += 1
                    continue
                }
                jobs.append(try JobRequest(kind: LedgerStore.recordJobKind, encoding: QueuedTransaction(entry, actor: actor), queue: "ledger",
                                           uniqueKey: entry.reference.map { "\(entry.projectCode.lowercased()):\($0)" }))
            }
            if !problems.isEmpty { throw ImportFailure(problems: problems, path: path) }
            let added = try JobInserter.enqueue(c, jobs).count
            try AuditLog.record(c, actor: actor, action: "transaction.queue", entity: "file", key: path,
                                before: [String: Int]?.none, after: ["queued": added, "skipped": skipped + jobs.count - added])
            return (added, skipped + jobs.count - added)
        }
    }

    /// One row's entry, or every problem with its fields.
    static func entry(_ field: (String) -> String) -> Result<LedgerEntry, ValidationFailure> {
        var problems: [DomainError] = []
        func attempt<T>(_ name: String, _ body: () throws(DomainError) -> T) -> T? {
            do { return try body() } catch { problems.append(error.inField(name)); return nil }
        }
        let type = attempt("type") { () throws(DomainError) in try TransactionType.parse(field("type")) }
        let currency = attempt("currency") { () throws(DomainError) in try Currency(code: field("currency")) }
        let amount = currency.flatMap { currency in
            attempt("amount") { () throws(DomainError) in try Money.parse(field("amount"), currency: currency) }
        }
        let date = attempt("date") { () throws(DomainError) in try LocalDate.parse(field("date")) }
        guard problems.isEmpty, let type, let amount, let date else { return .failure(ValidationFailure(problems)) }
        let reference = field("ref")
        let note = field("note")
        do {
            return .success(try LedgerEntry(
                projectCode: field("code"), type: type, lender: field("lender"), amount: amount, valueDate: date,
                reference: reference.isEmpty ? nil : reference, note: note.isEmpty ? nil : note))
        } catch {
            return .failure(error)
        }
    }
}
