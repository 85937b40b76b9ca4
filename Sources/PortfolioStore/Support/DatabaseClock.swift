import Foundation
import Postgres
import PortfolioCore

/// The database's clock, the one every worker and command shares whatever its own clock says.
public enum DatabaseClock {
    /// The database's `now()`: the start of the current transaction.
    public static func now(_ connection: Connection) throws -> Date {
        try connection.one(DatabaseNow()).now
    }

    /// The database's current date in UTC (as of `now()`): the day a rollup taken now is as of.
    public static func today(_ connection: Connection) throws -> LocalDate {
        try connection.one(DatabaseNow()).today
    }
}
