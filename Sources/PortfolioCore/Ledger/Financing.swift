/// The financing of a group of project–lender pairs on a date, in minor units of one currency:
/// what a loan statement carries (commitment, disbursed, undisbursed, repaid, outstanding).
/// A lender's line, a sector's, a status's or a status category's.
public struct Financing: Hashable, Sendable {
    /// The lender's name, sector code, status or category the line adds up.
    public let key: String
    /// Project–lender pairs: a project's lenders, and lenders with transactions on it.
    public let projects: Int
    /// The lenders' parts of the projects' values, raised by commitments and lowered by cancellations.
    public let committed: Int128
    public let disbursed: Int128
    /// Commitment not disbursed, taken per project and lender (never below zero) and summed.
    public let undisbursed: Int128
    /// Disbursed above the commitment (forced), taken per project and lender and summed.
    public let overDisbursed: Int128
    public let repaid: Int128
    public let interest: Int128

    public init(key: String, projects: Int, committed: Int128, disbursed: Int128, undisbursed: Int128,
                overDisbursed: Int128, repaid: Int128, interest: Int128) {
        self.key = key
        self.projects = projects
        self.committed = committed
        self.disbursed = disbursed
        self.undisbursed = undisbursed
        self.overDisbursed = overDisbursed
        self.repaid = repaid
        self.interest = interest
    }

    /// A line with every figure zero.
    public static func zero(_ key: String) -> Financing {
        Financing(key: key, projects: 0, committed: 0, disbursed: 0, undisbursed: 0, overDisbursed: 0, repaid: 0, interest: 0)
    }

    /// Disbursed and not repaid.
    public var outstanding: Int128 { disbursed - repaid }

    /// Disbursed over committed; zero without a commitment.
    public var disbursementRatio: ExactRatio {
        committed > 0 ? ExactRatio(reducing: disbursed, over: committed) : .zero
    }

    /// These figures plus `other`'s, under this line's key.
    public func adding(_ other: Financing) -> Financing {
        Financing(
            key: key, projects: projects + other.projects, committed: committed + other.committed,
            disbursed: disbursed + other.disbursed, undisbursed: undisbursed + other.undisbursed,
            overDisbursed: overDisbursed + other.overDisbursed, repaid: repaid + other.repaid, interest: interest + other.interest)
    }

    /// Largest commitment first, then by key (UTF-8 bytes).
    static func ordered(_ lines: some Sequence<Financing>) -> [Financing] {
        lines.sorted { left, right in
            left.committed != right.committed ? left.committed > right.committed : left.key.utf8.lexicographicallyPrecedes(right.key.utf8)
        }
    }

    /// The sum of `lines` under `key`.
    public static func total(_ lines: [Financing], key: String = "total") -> Financing {
        lines.reduce(.zero(key)) { $0.adding($1) }
    }
}
