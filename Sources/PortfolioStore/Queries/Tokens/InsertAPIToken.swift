import Postgres

/// Stores a token's name and the SHA-256 of its text (computed by the server); returns its id.
public struct InsertAPIToken: PostgresPreparedStatement {
    public var name: String
    public var token: String
    public var actor: String

    public init(name: String, token: String, actor: String) {
        self.name = name
        self.token = token
        self.actor = actor
    }

    public var query: PostgresQuery {
        """
        INSERT INTO api_tokens (name, hash, created_by) VALUES (\(name), sha256(convert_to(\(token), 'UTF8')), \(actor))
        RETURNING id
        """
    }

    public func decode(_ row: PostgresRow) throws -> Int { try row.decode(Int.self, "id") }
}
