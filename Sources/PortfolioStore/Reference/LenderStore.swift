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

    /// A stored lender: its id and its name as stored.
    public struct Stored: Sendable, Hashable {
        public let id: Int
        public let name: String
    }

    /// These lenders as stored, keyed by lower-cased name, creating the ones that do not exist
    /// (kind `other`, no country, named as given) in the caller's transaction. A name given in
    /// another case than the stored one finds the stored lender.
    public func ensure(_ names: [String], actor: String) throws -> [String: Stored] {
        var lenders: [String: Stored] = [:]
        for name in names {
            let key = name.lowercased()
            if lenders[key] != nil { continue }
            let inserted = try connection.query(
                "INSERT INTO lenders (name) VALUES ($1) ON CONFLICT ((lower(name))) DO NOTHING RETURNING id, name", name)
            if let row = inserted.first {
                lenders[key] = Stored(id: try row.decode(Int.self, at: 0), name: try row.decode(String.self, at: 1))
                try AuditLog.record(connection, actor: actor, action: "lender.add", entity: "lender", key: name,
                                    before: Row?.none, after: Row(name: name, country: nil, kind: "other", projects: 0))
            } else {
                let row = try connection.query("SELECT id, name FROM lenders WHERE lower(name) = lower($1)", name)
                guard let found = row.first else {
                    throw StoreError.invalid("lender \(name.quotedForMessage) could not be found or created")
                }
                lenders[key] = Stored(id: try found.decode(Int.self, at: 0), name: try found.decode(String.self, at: 1))
            }
        }
        return lenders
    }
}
