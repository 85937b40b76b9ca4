import Foundation
import Postgres
import PortfolioCore

/// The ledger up to `asOf` per project, lender and type, each transaction converted into
/// `quote` at the rate of its own value date, half to even (`ledger_convert`, migration 11),
/// then summed. `missing` counts the transactions no rate converts. With `recordedBy`, only the
/// transactions recorded by then. Projects not counted in aggregates are left out.
public struct LedgerSums: PostgresPreparedStatement {
    public var asOf: LocalDate
    public var quote: Currency
    public var recordedBy: Date?

    public init(asOf: LocalDate, quote: Currency, recordedBy: Date? = nil) {
        self.asOf = asOf
        self.quote = quote
        self.recordedBy = recordedBy
    }

    public var query: PostgresQuery {
        """
        SELECT p.code, l.name AS lender, m.type, coalesce(sum(m.amount), 0)::text AS amount,
               count(*) FILTER (WHERE m.amount IS NULL) AS missing
        FROM (SELECT t.project_id, t.lender_id, t.type,
                     ledger_convert(t.amount_minor, t.currency, \(quote.code), t.value_date) AS amount
              FROM ledger_transactions t
              WHERE t.value_date <= \(bind: asOf.bind) AND (\(recordedBy)::timestamptz IS NULL OR t.recorded_at <= \(recordedBy)::timestamptz)) m
        JOIN projects p ON p.id = m.project_id JOIN lenders l ON l.id = m.lender_id
        WHERE p.aggregates
        GROUP BY p.code, l.name, m.type
        """
    }

    public func decode(_ row: PostgresRow) throws -> (sum: LedgerSum, missing: Int) {
        let amount = try row.wholeMinorUnits("amount")
        let type = try row.transactionType("type")
        let sum = LedgerSum(code: try row.decode(String.self, "code"), lender: try row.decode(String.self, "lender"), type: type, amount: amount)
        return (sum, try row.decode(Int.self, "missing"))
    }
}
