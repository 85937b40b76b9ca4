/// One lender's financing on a date, in minor units of one currency.
public struct LenderFinancing: Hashable, Sendable {
    public let lender: String
    /// Project–lender pairs: projects it finances, or has transactions with.
    public let projects: Int
    /// Its parts of the projects' values, raised by commitments and lowered by cancellations.
    public let committed: Int128
    public let disbursed: Int128
    /// Commitment not disbursed, taken per project (never below zero) and summed.
    public let undisbursed: Int128
    /// Disbursed above the commitment (forced), taken per project and summed.
    public let overDisbursed: Int128
    public let repaid: Int128
    public let interest: Int128

    public init(lender: String, projects: Int, committed: Int128, disbursed: Int128, undisbursed: Int128,
                overDisbursed: Int128, repaid: Int128, interest: Int128) {
        self.lender = lender
        self.projects = projects
        self.committed = committed
        self.disbursed = disbursed
        self.undisbursed = undisbursed
        self.overDisbursed = overDisbursed
        self.repaid = repaid
        self.interest = interest
    }
}

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

extension LenderFinancing {
    /// Each lender's financing from the projects as they were on the date (`inputs`, as the
    /// rollup rebuilds them) and the ledger's sums up to it.
    ///
    /// A project's lenders' parts are its value converted into `currency` at the rate of its
    /// value date and split by their shares, as the rollup's lender rows are, so the committed
    /// column before any commitment or cancellation equals the lender report's value of the
    /// projects that are past `pledged`. Pledged projects are not financed yet and are left out;
    /// a pair with transactions but no part (a lender since replaced) is kept with a part of
    /// zero, so every ledger column reconciles with the ledger. Rows: largest commitment first,
    /// then by name.
    public static func compute(
        inputs: [RollupInput], ledger: [LedgerSum], fx: FXTable, currency: Currency
    ) throws(DomainError) -> [LenderFinancing] {
        struct Pair: Hashable { let code: String; let lender: String }
        var parts: [Pair: Int128] = [:]
        for input in inputs where input.status != .pledged {
            let value: Money
            do {
                value = try fx.convert(input.value, to: currency, on: input.valueDate)
            } catch {
                throw DomainError("project \(input.code): \(error.message)")
            }
            for (share, part) in zip(input.lenders, LenderShare.splitValidated(value, by: input.lenders)) {
                parts[Pair(code: input.code.description, lender: share.lender), default: 0] += part.minorUnits
            }
        }
        var moves: [Pair: [TransactionType: Int128]] = [:]
        for sum in ledger {
            moves[Pair(code: sum.code, lender: sum.lender), default: [:]][sum.type, default: 0] += sum.amount
        }
        var byLender: [String: LenderFinancing] = [:]
        for pair in Set(parts.keys).union(moves.keys) {
            let flows = moves[pair] ?? [:]
            let committed = (parts[pair] ?? 0) + (flows[.commitment] ?? 0) - (flows[.cancellation] ?? 0)
            let disbursed = flows[.disbursement] ?? 0
            let line = LenderFinancing(
                lender: pair.lender, projects: 1, committed: committed, disbursed: disbursed,
                undisbursed: max(committed - disbursed, 0), overDisbursed: max(disbursed - committed, 0),
                repaid: flows[.repayment] ?? 0, interest: flows[.interest] ?? 0)
            byLender[pair.lender] = byLender[pair.lender].map { $0.adding(line) } ?? line
        }
        return byLender.values.sorted { left, right in
            left.committed != right.committed ? left.committed > right.committed : left.lender.utf8.lexicographicallyPrecedes(right.lender.utf8)
        }
    }

    /// These figures plus `other`'s, under this line's name.
    public func adding(_ other: LenderFinancing) -> LenderFinancing {
        LenderFinancing(
            lender: lender, projects: projects + other.projects, committed: committed + other.committed,
            disbursed: disbursed + other.disbursed, undisbursed: undisbursed + other.undisbursed,
            overDisbursed: overDisbursed + other.overDisbursed, repaid: repaid + other.repaid, interest: interest + other.interest)
    }
}
