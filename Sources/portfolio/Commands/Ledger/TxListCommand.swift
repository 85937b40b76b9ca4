import ArgumentParser
import Foundation
import PortfolioCore
import PortfolioReports
import PortfolioStore

/// `portfolio tx list [CODE]`
struct TxListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List transactions by value date.",
        discussion: """
            Examples:
              portfolio tx list ILL-EN-01
              portfolio tx list --lender "China Development Bank" --type disbursement --from 2024-01-01 --format csv
            """
    )

    @OptionGroup var database: ReadDatabaseOptions
    @Argument(help: "Only this project's.") var code: String?
    @Option(help: "Only this lender's (any case).") var lender: String?
    @Option(help: "Only this type.") var type: String?
    @Option(help: "From this value date (YYYY-MM-DD).") var from: String?
    @Option(help: "Up to this value date (YYYY-MM-DD).") var to: String?
    @Option(help: "table, csv or json.") var format: ListFormat = .table

    func run() throws {
        let type = try self.type.map { text in try checked("--type") { try TransactionType.parse(text) } }
        let from = try self.from.map { text in try checked("--from") { try LocalDate.parse(text) } }
        let to = try self.to.map { text in try checked("--to") { try LocalDate.parse(text) } }
        let connection = try database.connectForReading()
        defer { connection.close() }
        if let code { _ = try ProjectStore(connection).require(code) }
        let transactions = try LedgerStore(connection).list(code: code, lender: lender, type: type, from: from, to: to)
        let formatter = ISO8601DateFormatter()
        let header = ["id", "code", "type", "lender", "amount", "currency", "date", "ref", "note", "forced", "actor", "recorded_at"]
        let rows = transactions.map { t in
            [String(t.id), t.code, t.type.rawValue, t.lender, t.amount.formatted(), t.amount.currency.code, t.valueDate.description,
             t.reference ?? "", t.note ?? "", t.forced ? "true" : "false", t.actor, formatter.string(from: t.recordedAt)]
        }
        switch format {
        case .json: try Console.out(Console.csvJSON(header: header, rows: rows))
        case .csv: try Console.out(Console.csv(header: header, rows: rows))
        case .table:
            var table = TextTable([.init("ID", .right), .init("CODE"), .init("TYPE"), .init("LENDER", maxWidth: 30), .init("AMOUNT", .right),
                                   .init("CUR"), .init("DATE"), .init("REF", maxWidth: 20), .init("NOTE", maxWidth: 40)])
            for t in transactions {
                table.append([String(t.id), t.code, t.type.rawValue, t.lender, t.amount.formatted(grouping: true), t.amount.currency.code,
                              t.valueDate.description, t.reference ?? "", (t.forced ? "forced: " : "") + (t.note ?? "")])
            }
            try Console.out(table.render())
        }
    }
}
