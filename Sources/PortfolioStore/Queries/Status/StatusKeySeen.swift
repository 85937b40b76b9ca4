import Postgres

/// How many times a change key was applied or is waiting in a job of `kind`.
public struct StatusKeySeen: PostgresPreparedStatement {
    public var key: String
    public var kind: String

    public init(key: String, kind: String) {
        self.key = key
        self.kind = kind
    }

    public var query: PostgresQuery {
        """
        SELECT (SELECT count(*) FROM status_history WHERE request_key = \(key))
             + (SELECT count(*) FROM jobs WHERE kind = \(kind) AND unique_key = \(key) AND state IN ('available', 'running')) AS seen
        """
    }

    public func decode(_ row: PostgresRow) throws -> Int { try row.decode(Int.self, "seen") }
}
