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
        return try connection.transaction { c in
            let store = LedgerStore(c)
            for row in rows {
                do {
                    _ = try store.record(row.entry, actor: actor, where: "\(path):\(row.line)")
                } catch let error as StoreError {
                    throw ImportFailure(problems: [error.description])
                }
            }
            try AuditLog.record(c, actor: actor, action: "transaction.import", entity: "file", key: path,
                                before: [String: Int]?.none, after: ["recorded": rows.count])
            return rows.count
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
