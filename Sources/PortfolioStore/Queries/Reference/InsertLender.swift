import Postgres

/// Adds a lender with its country and kind.
public struct InsertLender: PostgresPreparedStatement {
    public var name: String
    public var country: String?
    public var kind: String

    public init(name: String, country: String?, kind: String) {
        self.name = name
        self.country = country
        self.kind = kind
    }

    public var query: PostgresQuery { "INSERT INTO lenders (name, country, kind) VALUES (\(name), \(country), \(kind))" }
}
