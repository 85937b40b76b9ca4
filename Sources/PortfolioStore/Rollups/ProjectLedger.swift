import Foundation
import PortfolioCore

/// A project's ledger as a rollup change records it (`project_ledger`, migration 13): its
/// transactions summed per lender and type, converted into `currency` at their value dates;
/// `missing` counts those no rate converted.
struct ProjectLedger: Decodable, Equatable {
    struct Sum: Decodable, Equatable {
        let lender: String
        let type: String
        let amount: String
    }

    let currency: String
    let missing: Int
    let sums: [Sum]

    /// The sums of the project `code` in `currency`; nil when they are in another currency,
    /// some transaction had no rate, or a sum does not decode.
    func sums(of code: ProjectCode, in currency: Currency) -> [LedgerSum]? {
        guard self.currency == currency.code, missing == 0 else { return nil }
        var result: [LedgerSum] = []
        for sum in sums {
            guard let type = TransactionType(rawValue: sum.type), let amount = Int128(sum.amount) else { return nil }
            result.append(LedgerSum(code: code.description, lender: sum.lender, type: type, amount: amount))
        }
        return result
    }

    /// Decodes the stored JSON text; nil for none or text that does not decode.
    static func decode(_ text: String?) -> ProjectLedger? {
        text.flatMap { try? JSONDecoder().decode(ProjectLedger.self, from: Data($0.utf8)) }
    }
}
