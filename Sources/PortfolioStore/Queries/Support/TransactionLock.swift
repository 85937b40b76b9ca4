import Postgres

/// Takes an advisory lock on `key` until the transaction ends: `shared` ones are held
/// together, an exclusive one alone.
public struct TransactionLock: PostgresPreparedStatement {
    public var key: Int64
    public var shared: Bool

    public init(key: Int64, shared: Bool) {
        self.key = key
        self.shared = shared
    }

    public var query: PostgresQuery {
        shared ? "SELECT pg_advisory_xact_lock_shared(\(key))" : "SELECT pg_advisory_xact_lock(\(key))"
    }
}
