import Postgres

/// Lenders with how many projects each lends to, by name regardless of case.
public struct ListLenders: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        SELECT l.name, l.country, l.kind, count(pl.project_id) AS projects
        FROM lenders l LEFT JOIN project_lenders pl ON pl.lender_id = l.id
        GROUP BY l.id ORDER BY lower(l.name)
        """
    }

    public func decode(_ row: PostgresRow) throws -> LenderStore.Row {
        LenderStore.Row(name: try row.decode(String.self, "name"), country: try row.decode(String?.self, "country"),
                        kind: try row.decode(String.self, "kind"), projects: try row.decode(Int.self, "projects"))
    }
}
