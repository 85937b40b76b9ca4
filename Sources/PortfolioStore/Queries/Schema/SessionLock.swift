import Postgres

/// Takes (or, with `unlock`, gives back) an advisory lock on `key` held by the session, across
/// transactions.
public struct SessionLock: PostgresPreparedStatement {
    public var key: Int64
    public var unlock: Bool

    public init(key: Int64, unlock: Bool = false) {
        self.key = key
        self.unlock = unlock
    }

    public var query: PostgresQuery {
        unlock ? "SELECT pg_advisory_unlock(\(key))" : "SELECT pg_advisory_lock(\(key))"
    }
}
