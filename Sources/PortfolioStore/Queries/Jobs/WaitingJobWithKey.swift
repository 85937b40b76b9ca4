import Postgres

/// The waiting job of `kind` and `uniqueKey`, which absorbs a new one of that key.
public struct WaitingJobWithKey: PostgresPreparedStatement {
    public var kind: String
    public var uniqueKey: String?

    public init(kind: String, uniqueKey: String?) {
        self.kind = kind
        self.uniqueKey = uniqueKey
    }

    public var query: PostgresQuery {
        "SELECT id FROM jobs WHERE kind = \(kind) AND unique_key = \(uniqueKey) AND state = 'available'"
    }

    public func decode(_ row: PostgresRow) throws -> Int { try row.decode(Int.self, "id") }
}
