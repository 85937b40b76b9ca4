import Postgres
import PortfolioCore

extension PostgresRow {
    /// A sum of minor units the query wrote as text (`numeric` beyond 64 bits), as a whole number.
    func wholeMinorUnits(_ column: String) throws -> Int128 {
        let text = try decode(String.self, column)
        guard let amount = Int128(text) else {
            throw PostgresError(.decoding, "column \"\(column)\" holds \(text), not a whole number of minor units", column: column)
        }
        return amount
    }

    /// A ledger transaction's type.
    func transactionType(_ column: String) throws -> TransactionType {
        guard let type = TransactionType(rawValue: try decode(String.self, column)) else {
            throw PostgresError(.decoding, "column \"\(column)\" holds an unknown transaction type", column: column)
        }
        return type
    }
}
