import Foundation
import Postgres
import PortfolioCore

/// The database's `now()` (the start of the current transaction) and its date in UTC.
public struct DatabaseNow: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery { "SELECT now() AS now, (now() AT TIME ZONE 'UTC')::date AS today" }

    public func decode(_ row: PostgresRow) throws -> (now: Date, today: LocalDate) {
        (try row.decode(Date.self, "now"), try row.localDate("today"))
    }
}
