/// The ledger of one project and lender up to a date, by type, in the reporting currency.
public struct LedgerSum: Hashable, Sendable {
    public let code: String
    /// The lender's stored name.
    public let lender: String
    public let type: TransactionType
    public let amount: Int128

    public init(code: String, lender: String, type: TransactionType, amount: Int128) {
        self.code = code
        self.lender = lender
        self.type = type
        self.amount = amount
    }
}

extension Financing {
    /// The financing lines of `breakdown` from the projects as they were on the date (`inputs`,
    /// as the rollup rebuilds them) and the ledger's sums up to it.
    ///
    /// A project's lenders' parts are its value converted into `currency` at the rate of its
    /// value date and split by their shares, as the rollup's lender rows are, so the committed
    /// column before any commitment or cancellation equals the lender report's value of the
    /// projects that are past `pledged`. Pledged projects are not financed yet and have no
    /// part (only their transactions count). A pair with transactions but no part (a lender since replaced) is kept with a part
    /// of zero, so every ledger column reconciles with the ledger. Undisbursed and
    /// over-disbursed amounts are taken per project and lender, then summed. Lines: largest
    /// commitment first, then by key.
    public static func compute(
        inputs: [RollupInput], ledger: [LedgerSum], fx: FXTable, currency: Currency, by breakdown: FinancingBreakdown
    ) throws(DomainError) -> [Financing] {
        struct Pair: Hashable { let code: String; let lender: String }
        var parts: [Pair: Int128] = [:]
        var projects: [String: RollupInput] = [:]
        for input in inputs {
            projects[input.code.description] = input
            guard input.status != .pledged else { continue }
            for part in try input.lenderParts(in: currency, fx: fx) {
                parts[Pair(code: input.code.description, lender: part.lender), default: 0] += part.minorUnits
            }
        }
        var moves: [Pair: [TransactionType: Int128]] = [:]
        for sum in ledger {
            moves[Pair(code: sum.code, lender: sum.lender), default: [:]][sum.type, default: 0] += sum.amount
        }
        var lines: [String: Financing] = [:]
        for pair in Set(parts.keys).union(moves.keys) {
            let flows = moves[pair] ?? [:]
            let committed = (parts[pair] ?? 0) + (flows[.commitment] ?? 0) - (flows[.cancellation] ?? 0)
            let disbursed = flows[.disbursement] ?? 0
            let name = breakdown.key(of: projects[pair.code], lender: pair.lender)
            let line = Financing(
                key: name, projects: 1, committed: committed, disbursed: disbursed,
                undisbursed: max(committed - disbursed, 0), overDisbursed: max(disbursed - committed, 0),
                repaid: flows[.repayment] ?? 0, interest: flows[.interest] ?? 0)
            lines[name] = lines[name].map { $0.adding(line) } ?? line
        }
        return ordered(lines.values)
    }
}
