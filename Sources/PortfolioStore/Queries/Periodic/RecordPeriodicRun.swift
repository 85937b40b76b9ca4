import Foundation
import Postgres

/// Records the run of `name` for the period from `periodStart`, unless one was inserted since
/// the period began (by any leader, with any interval). One row changed when it recorded it.
public struct RecordPeriodicRun: PostgresPreparedStatement {
    public var name: String
    public var periodStart: Date
    public var owner: String

    public init(name: String, periodStart: Date, owner: String) {
        self.name = name
        self.periodStart = periodStart
        self.owner = owner
    }

    public var query: PostgresQuery {
        """
        INSERT INTO periodic_runs (name, period_start, inserted_by)
        SELECT \(name), \(periodStart), \(owner)
        WHERE NOT EXISTS (SELECT 1 FROM periodic_runs WHERE name = \(name) AND inserted_at >= \(periodStart))
        ON CONFLICT DO NOTHING
        """
    }
}
