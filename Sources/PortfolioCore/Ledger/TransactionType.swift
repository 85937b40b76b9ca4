/// What a ledger transaction does to a lender's financing of a project.
///
/// A lender's commitment is its part of the project's value, raised by `commitment` and lowered
/// by `cancellation`; `disbursement` draws on it, `repayment` pays principal back and
/// `interest` is paid on top.
public enum TransactionType: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case commitment
    case disbursement
    case repayment
    case interest
    case cancellation

    /// The IATI 2.03 TransactionType code: 2 outgoing commitment, 3 disbursement, 6 loan
    /// repayment, 5 interest payment. A cancellation has none of its own (IATI reports it as a
    /// negative commitment).
    public var iatiCode: Int? {
        switch self {
        case .commitment: 2
        case .disbursement: 3
        case .repayment: 6
        case .interest: 5
        case .cancellation: nil
        }
    }

    public var description: String { rawValue }

    /// Parses a type name, ignoring case and surrounding spaces.
    public static func parse(_ text: String) throws(DomainError) -> TransactionType {
        let name = TextRules.trimmed(text).lowercased()
        guard let type = TransactionType(rawValue: name) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError("\(TextRules.quoted(text)) is not a transaction type; use one of \(names)", field: "type")
        }
        return type
    }
}
