import Foundation
import Postgres
import PortfolioCore

/// Disbursements and repayments up to `asOf` per period (the first day of the value date's
/// month or quarter), project and lender, each converted into `quote` at the rate of its own
/// value date (`ledger_convert`, migration 11), then summed. `missing` counts the
/// transactions no rate converts. With `recordedBy`, only those recorded by then.
public struct LedgerPeriodSums: PostgresPreparedStatement {
    public var asOf: LocalDate
    public var quote: Currency
    public var recordedBy: Date?
    public var period: LedgerPeriod

    public init(asOf: LocalDate, quote: Currency, recordedBy: Date? = nil, period: LedgerPeriod) {
        self.asOf = asOf
        self.quote = quote
        self.recordedBy = recordedBy
        self.period = period
    }

    public var query: PostgresQuery {
        """
        SELECT m.start, p.code, l.name AS lender, m.type, coalesce(sum(m.amount), 0)::text AS amount,
               count(*) FILTER (WHERE m.amount IS NULL) AS missing
        FROM (SELECT date_trunc(\(period.rawValue), t.value_date::timestamp)::date AS start, t.project_id, t.lender_id, t.type,
                     ledger_convert(t.amount_minor, t.currency, \(quote.code), t.value_date) AS amount
              FROM ledger_transactions t
              WHERE t.type IN ('disbursement', 'repayment') AND t.value_date <= \(bind: asOf.bind)
                AND (\(recordedBy)::timestamptz IS NULL OR t.recorded_at <= \(recordedBy)::timestamptz)) m
        JOIN projects p ON p.id = m.project_id JOIN lenders l ON l.id = m.lender_id
        WHERE p.aggregates
        GROUP BY m.start, p.code, l.name, m.type
        """
    }

    public func decode(_ row: PostgresRow) throws -> (sum: LedgerPeriodSum, missing: Int) {
        let amount = try row.wholeMinorUnits("amount")
        let type = try row.transactionType("type")
        let sum = LedgerPeriodSum(start: try row.localDate("start"), code: try row.decode(String.self, "code"),
                                  lender: try row.decode(String.self, "lender"), type: type, amount: amount)
        return (sum, try row.decode(Int.self, "missing"))
    }
}
