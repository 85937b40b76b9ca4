import Foundation
import Postgres
import PortfolioCore

/// The target set last, with when and by whom.
public struct CurrentTarget: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery { "SELECT amount_minor, currency, set_at, actor FROM targets ORDER BY id DESC LIMIT 1" }

    public func decode(_ row: PostgresRow) throws -> TargetStore.Current {
        let money = Money(minorUnits: try row.decode(Int128.self, "amount_minor"), currency: try row.currency("currency"))
        do {
            return TargetStore.Current(
                target: try Target(amount: money), setAt: try row.decode(Date.self, "set_at"), actor: try row.decode(String.self, "actor"))
        } catch {
            throw PostgresError(.decoding, "the stored target is invalid: \(error)")
        }
    }
}
