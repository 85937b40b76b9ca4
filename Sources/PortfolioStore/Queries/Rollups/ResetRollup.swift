import Postgres

/// Asks the next snapshot to recompute everything, saying why.
public struct ResetRollup: PostgresPreparedStatement {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public var query: PostgresQuery { "INSERT INTO rollup_deltas (reset, reason) VALUES (true, \(reason))" }
}
