import Postgres

/// Seconds since the newest rollup snapshot was taken; no value when there is none.
public struct NewestRollupAge: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        "SELECT extract(epoch FROM now() - max(taken_at))::text AS age_seconds FROM rollup_snapshots"
    }

    public func decode(_ row: PostgresRow) throws -> Double? { try row.decode(String?.self, "age_seconds").flatMap(Double.init) }
}
