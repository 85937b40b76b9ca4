import Postgres

/// The lender of this name regardless of case.
public struct LenderByName: PostgresPreparedStatement {
    public var name: String

    public init(name: String) { self.name = name }

    public var query: PostgresQuery { "SELECT id, name FROM lenders WHERE lower(name) = lower(\(name))" }

    public func decode(_ row: PostgresRow) throws -> LenderStore.Stored {
        LenderStore.Stored(id: try row.decode(Int.self, "id"), name: try row.decode(String.self, "name"))
    }
}
