import Foundation
import PortfolioCore

/// A transaction queued by `tx import --queue`, as its job carries it: the entry as typed and
/// who recorded it. The worker records it with the rules `tx add` has.
public struct QueuedTransaction: Codable, Sendable, Hashable {
    public let code: String
    public let type: String
    public let lender: String
    /// The amount as an exact decimal in `currency`.
    public let amount: String
    public let currency: String
    public let date: String
    public let ref: String?
    public let note: String?
    public let actor: String

    public init(_ entry: LedgerEntry, actor: String) {
        code = entry.projectCode
        type = entry.type.rawValue
        lender = entry.lender
        amount = entry.amount.formatted()
        currency = entry.amount.currency.code
        date = entry.valueDate.description
        ref = entry.reference
        note = entry.note
        self.actor = actor
    }

    /// The entry, checked again.
    public func entry() throws -> LedgerEntry {
        let currency = try Currency(code: currency)
        return try LedgerEntry(projectCode: code, type: try TransactionType.parse(type), lender: lender,
                               amount: try Money.parse(amount, currency: currency), valueDate: try LocalDate.parse(date),
                               reference: ref, note: note)
    }
}
