import Postgres

/// Makes inserters of one periodic job's name take turns until the transaction ends.
public struct LockPeriodicName: PostgresPreparedStatement {
    public var name: String

    public init(name: String) { self.name = name }

    public var query: PostgresQuery { "SELECT pg_advisory_xact_lock(hashtext('periodic_runs'), hashtext(\(name)))" }
}
