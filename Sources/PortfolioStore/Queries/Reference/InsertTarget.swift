import Postgres
import PortfolioCore

/// Sets a new target.
public struct InsertTarget: PostgresPreparedStatement {
    public var target: Target
    public var actor: String

    public init(_ target: Target, actor: String) {
        self.target = target
        self.actor = actor
    }

    public var query: PostgresQuery {
        "INSERT INTO targets (amount_minor, currency, actor) VALUES (\(target.amount.minorUnits), \(target.amount.currency.code), \(actor))"
    }
}
