import Postgres

/// Revokes the token of a name, if it is not revoked yet; returns its name.
public struct RevokeAPIToken: PostgresPreparedStatement {
    public var name: String

    public init(name: String) { self.name = name }

    public var query: PostgresQuery {
        "UPDATE api_tokens SET revoked_at = now() WHERE name = \(name) AND revoked_at IS NULL RETURNING name"
    }

    public func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "name") }
}
