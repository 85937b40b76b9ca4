import Postgres

/// The name of the live token whose SHA-256 is that of `token`; no row for any other text.
public struct APITokenName: PostgresPreparedStatement {
    public var token: String

    public init(token: String) { self.token = token }

    public var query: PostgresQuery {
        "SELECT name FROM api_tokens WHERE hash = sha256(convert_to(\(token), 'UTF8')) AND revoked_at IS NULL"
    }

    public func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "name") }
}
