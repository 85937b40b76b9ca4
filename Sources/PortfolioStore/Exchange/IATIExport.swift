import Foundation
import Postgres
import PortfolioCore

/// The portfolio as IATI activities, read from one view.
public struct IATIExport: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Every project in the portfolio on `asOf`, as it was then (rebuilt from the history of
    /// every field when `asOf` is before `today`), with its transactions dated up to it, by code.
    /// Read in one REPEATABLE READ transaction.
    public func activities(asOf: LocalDate, today: LocalDate) throws -> [IATIActivity] {
        try connection.transaction(isolation: .repeatableRead) { c in
            let projects = try ProjectStore(c).list()
            let dacCodes = Dictionary(try SectorStore(c).list().map { ($0.code, $0.dacCode) }, uniquingKeysWith: { first, _ in first })
            let outOfAggregates = Set(try c.run(CodesOutOfAggregates()))
            var ledger: [String: [IATIActivity.Transaction]] = [:]
            for transaction in try LedgerStore(c).list(to: asOf).sorted(by: { $0.id < $1.id }) {
                ledger[transaction.code, default: []].append(IATIActivity.Transaction(
                    type: transaction.type, lender: transaction.lender, amount: transaction.amount, date: transaction.valueDate,
                    reference: transaction.reference, note: transaction.note, forced: transaction.forced))
            }
            var activities: [IATIActivity] = []
            for project in projects {
                let code = project.content.code.description
                let asItWas: ValidatedProject
                if asOf >= today {
                    asItWas = project.content
                } else if let rebuilt = try c.first(ProjectAsOf(code: code, asOf: asOf, recordedBy: nil)) {
                    asItWas = rebuilt.content
                } else {
                    continue
                }
                activities.append(IATIActivity(project: asItWas, ledger: ledger[code] ?? [], dacCode: dacCodes[asItWas.sectorCode] ?? nil,
                                               aggregates: !outOfAggregates.contains(code)))
            }
            return activities
        }
    }
}
