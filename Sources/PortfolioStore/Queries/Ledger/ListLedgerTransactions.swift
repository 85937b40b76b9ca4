import Foundation
import Postgres
import PortfolioCore

/// Transactions by value date and id, optionally of one project, one lender (regardless of
/// case), one type and a range of value dates.
public struct ListLedgerTransactions: PostgresPreparedStatement {
    public var code: String?
    public var lender: String?
    public var type: TransactionType?
    public var from: LocalDate?
    public var to: LocalDate?

    public init(code: String?, lender: String?, type: TransactionType?, from: LocalDate?, to: LocalDate?) {
        self.code = code
        self.lender = lender
        self.type = type
        self.from = from
        self.to = to
    }

    public var query: PostgresQuery {
        """
        SELECT t.id, p.code, t.type, l.name AS lender, t.amount_minor, t.currency, t.value_date, t.reference, t.note,
               t.forced, t.actor, t.recorded_at
        FROM ledger_transactions t JOIN projects p ON p.id = t.project_id JOIN lenders l ON l.id = t.lender_id
        WHERE (\(code)::text IS NULL OR p.code = \(code)::text)
          AND (\(lender)::text IS NULL OR lower(l.name) = lower(\(lender)::text))
          AND (\(type?.rawValue)::text IS NULL OR t.type = \(type?.rawValue)::text)
          AND (\(bind: from.bind) IS NULL OR t.value_date >= \(bind: from.bind))
          AND (\(bind: to.bind) IS NULL OR t.value_date <= \(bind: to.bind))
        ORDER BY t.value_date, t.id
        """
    }

    public func decode(_ row: PostgresRow) throws -> LedgerStore.Transaction {
        let currency = try row.currency("currency")
        let type = try row.transactionType("type")
        return LedgerStore.Transaction(
            id: try row.decode(Int.self, "id"), code: try row.decode(String.self, "code"), type: type,
            lender: try row.decode(String.self, "lender"),
            amount: Money(minorUnits: Int128(try row.decode(Int.self, "amount_minor")), currency: currency),
            valueDate: try row.localDate("value_date"), reference: try row.decode(String?.self, "reference"),
            note: try row.decode(String?.self, "note"), forced: try row.decode(Bool.self, "forced"),
            actor: try row.decode(String.self, "actor"), recordedAt: try row.decode(Date.self, "recorded_at"))
    }
}
