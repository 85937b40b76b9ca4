import Foundation
import Postgres
import PortfolioCore

/// The portfolio's target; the latest one set is in force.
public struct TargetStore: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// The target in force, with when and by whom it was set.
    public struct Current: Sendable, Equatable {
        public let target: Target
        public let setAt: Date
        public let actor: String
    }

    /// The target in force (the default 8,000,000,000.00 USD until one is set).
    public func current() throws -> Current {
        try connection.first(CurrentTarget()) ?? Current(target: .default, setAt: Date(timeIntervalSince1970: 0), actor: "default")
    }

    /// Sets a new target. Its currency becomes the reporting currency, so a new currency is refused
    /// while any project's value (or value-history entry) has no rate into it on or before its value date.
    ///
    /// - Throws: `StoreError.invalid` naming the first values that would not convert and the fix.
    public func set(_ target: Target, actor: String) throws {
        try connection.transaction { c in
            try RateCoverage.lockExclusively(c)
            let before = try TargetStore(c).current().target
            let currency = target.amount.currency
            if currency != before.amount.currency {
                let missing = try RateCoverage.uncovered(c, into: currency)
                if !missing.isEmpty {
                    let fixes = missing.map { "'portfolio fx set \($0.currency) \($0.earliest) RATE --quote \(currency)'" }
                    throw StoreError.invalid(
                        "the target cannot be in \(currency): reports would convert every value into it, and "
                            + missing.map(\.text).joined(separator: "; ") + " have no \(currency) rate on or before their value date; "
                            + "add \(missing.count == 1 ? "one" : "them") first with " + fixes.joined(separator: " and "))
                }
            }
            try c.execute(InsertTarget(target, actor: actor))
            try AuditLog.record(c, actor: actor, action: "target.set", entity: "target", key: "portfolio", before: before, after: target)
            try JobInserter.enqueue(c, [.rollupAfterChange()])
        }
    }
}
