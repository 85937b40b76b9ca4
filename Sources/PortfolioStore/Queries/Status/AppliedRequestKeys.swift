import Postgres

/// Which of these change keys the status history holds already.
public struct AppliedRequestKeys: PostgresPreparedStatement {
    public var keys: [String]

    public init(keys: [String]) { self.keys = keys }

    public var query: PostgresQuery { "SELECT request_key FROM status_history WHERE request_key = ANY(\(keys)::text[])" }

    public func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "request_key") }
}
