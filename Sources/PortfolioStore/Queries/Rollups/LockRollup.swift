import Postgres

/// Takes the rollup lock until the transaction ends and returns the transaction's isolation
/// level: one snapshot is taken at a time.
public struct LockRollup: PostgresPreparedStatement {
    public var key: Int64

    public init(key: Int64) { self.key = key }

    public var query: PostgresQuery {
        "SELECT current_setting('transaction_isolation') AS isolation FROM pg_advisory_xact_lock(\(key))"
    }

    public func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "isolation") }
}
