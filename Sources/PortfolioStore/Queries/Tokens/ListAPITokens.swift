import Foundation
import Postgres

/// Every token's name, when it was created and by whom, and when it was revoked; never a hash.
public struct ListAPITokens: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery { "SELECT name, created_at, created_by, revoked_at FROM api_tokens ORDER BY name" }

    public func decode(_ row: PostgresRow) throws -> TokenStore.Row {
        TokenStore.Row(name: try row.decode(String.self, "name"), createdAt: try row.decode(Date.self, "created_at"),
                       createdBy: try row.decode(String.self, "created_by"), revokedAt: try row.decode(Date?.self, "revoked_at"))
    }
}
