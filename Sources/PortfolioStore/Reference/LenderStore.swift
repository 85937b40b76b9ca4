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
                try c.execute(InsertLender(name: name, country: country, kind: kind.rawValue))
            } catch let error as PostgresError where error.isUniqueViolation {
                throw StoreError.duplicate("a lender named \(name.quotedForMessage) exists already")
            }
            try AuditLog.record(c, actor: actor, action: "lender.add", entity: "lender", key: name,
                                before: Row?.none, after: Row(name: name, country: country, kind: kind.rawValue, projects: 0))
        }
    }

    /// Every lender, by name.
    public func list() throws -> [Row] {
        try connection.run(ListLenders())
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
            if let inserted = try connection.first(InsertLenderIfNew(name: name)) {
                lenders[key] = inserted
                try AuditLog.record(connection, actor: actor, action: "lender.add", entity: "lender", key: name,
                                    before: Row?.none, after: Row(name: name, country: nil, kind: "other", projects: 0))
            } else {
                guard let found = try connection.first(LenderByName(name: name)) else {
                    throw StoreError.invalid("lender \(name.quotedForMessage) could not be found or created")
                }
                lenders[key] = found
            }
        }
        return lenders
    }
}
