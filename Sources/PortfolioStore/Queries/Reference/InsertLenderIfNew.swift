import Postgres

/// Adds a lender by name unless one of that name regardless of case exists; returns it when
/// it was added.
public struct InsertLenderIfNew: PostgresPreparedStatement {
    public var name: String

    public init(name: String) { self.name = name }

    public var query: PostgresQuery {
        "INSERT INTO lenders (name) VALUES (\(name)) ON CONFLICT ((lower(name))) DO NOTHING RETURNING id, name"
    }

    public func decode(_ row: PostgresRow) throws -> LenderStore.Stored {
        LenderStore.Stored(id: try row.decode(Int.self, "id"), name: try row.decode(String.self, "name"))
    }
}
