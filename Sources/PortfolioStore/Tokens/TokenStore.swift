import Foundation
import Postgres

/// API tokens: created with a name, shown once, stored as their SHA-256 only.
public struct TokenStore: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// A token as listed.
    public struct Row: Sendable, Codable, Equatable {
        public let name: String
        public let createdAt: Date
        public let createdBy: String
        public let revokedAt: Date?
    }

    /// Creates a token named `name` and returns its text (`pt_` and 43 characters of base64url
    /// from 32 random bytes), which is stored nowhere.
    ///
    /// - Throws: `StoreError.duplicate` for a name taken, `StoreError.invalid` for a bad name.
    public func create(name: String, actor: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = "pt_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        try connection.transaction { c in
            do {
                _ = try c.one(InsertAPIToken(name: name, token: token, actor: actor))
            } catch let error as PostgresError where error.isUniqueViolation {
                throw StoreError.duplicate("a token named \(name.quotedForMessage) exists already (revoked ones keep their names)")
            } catch let error as PostgresError where error.isCheckViolation {
                throw StoreError.invalid("token name \(name.quotedForMessage): use 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit")
            }
            try AuditLog.record(c, actor: actor, action: "token.create", entity: "api_token", key: name,
                                before: [String: String]?.none, after: ["name": name])
        }
        return token
    }

    /// Every token, by name.
    public func list() throws -> [Row] {
        try connection.run(ListAPITokens())
    }

    /// Revokes the token named `name`.
    ///
    /// - Throws: `StoreError.invalid` when no live token has that name.
    public func revoke(name: String, actor: String) throws {
        try connection.transaction { c in
            guard try c.first(RevokeAPIToken(name: name)) != nil else {
                throw StoreError.invalid("no live token is named \(name.quotedForMessage)")
            }
            try AuditLog.record(c, actor: actor, action: "token.revoke", entity: "api_token", key: name,
                                before: ["name": name], after: [String: String]?.none)
        }
    }

    /// The name of the live token `token`, or nil.
    public func name(of token: String) throws -> String? {
        try connection.first(APITokenName(token: token))
    }
}
