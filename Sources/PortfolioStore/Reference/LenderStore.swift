import Postgres
import PortfolioCore

/// Lenders: financing institutions, unique by name regardless of case.
public struct LenderStore: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// A lender with its portfolio exposure.
    public struct Row: Sendable, Codable, Equatable {
        public let name: String
        public let country: String?
        public let kind: String
        public let projects: Int
    }

    /// Adds a lender.
    ///
    /// - Throws: `StoreError.duplicate` if the name exists (in any case).
    public func add(name: String, country: String?, kind: LenderKind, actor: String) throws {
        try connection.transaction { c in
            do {
                try c.query("INSERT INTO lenders (name, country, kind) VALUES ($1, $2, $3)", name, country, kind.rawValue)
            } catch let error as PostgresError where error.isUniqueViolation {
                throw StoreError.duplicate("a lender named \(name.quotedForMessage) exists already")
            }
            try AuditLog.record(c, actor: actor, action: "lender.add", entity: "lender", key: name,
                                before: Row?.none, after: Row(name: name, country: country, kind: kind.rawValue, projects: 0))
        }
    }

    /// Every lender, by name.
    public func list() throws -> [Row] {
        try connection.query("""
            SELECT l.name, l.country, l.kind, count(pl.project_id) AS projects
            FROM lenders l LEFT JOIN project_lenders pl ON pl.lender_id = l.id
            GROUP BY l.id ORDER BY lower(l.name)
            """).map { row in
            Row(name: try row.decode(String.self, "name"), country: try row.decode(String?.self, "country"),
                kind: try row.decode(String.self, "kind"), projects: try row.decode(Int.self, "projects"))
        }
    }

    /// The ids of these lenders, keyed by lower-cased name, creating the ones that do not
    /// exist (kind `other`, no country) in the caller's transaction.
    public func ensure(_ names: [String], actor: String) throws -> [String: Int] {
        var ids: [String: Int] = [:]
        for name in names {
            let key = name.lowercased()
            if ids[key] != nil { continue }
            let inserted = try connection.query(
                "INSERT INTO lenders (name) VALUES ($1) ON CONFLICT ((lower(name))) DO NOTHING RETURNING id", name)
            if let row = inserted.first {
                ids[key] = try row.decode(Int.self, at: 0)
                try AuditLog.record(connection, actor: actor, action: "lender.add", entity: "lender", key: name,
                                    before: Row?.none, after: Row(name: name, country: nil, kind: "other", projects: 0))
            } else {
                ids[key] = try connection.query("SELECT id FROM lenders WHERE lower(name) = lower($1)", name).scalar(Int.self)
            }
        }
        return ids
    }
}
