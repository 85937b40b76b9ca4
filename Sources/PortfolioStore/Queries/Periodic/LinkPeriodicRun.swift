import Foundation
import Postgres

/// Notes the job a periodic run inserted.
public struct LinkPeriodicRun: PostgresPreparedStatement {
    public var name: String
    public var periodStart: Date
    public var jobID: Int?

    public init(name: String, periodStart: Date, jobID: Int?) {
        self.name = name
        self.periodStart = periodStart
        self.jobID = jobID
    }

    public var query: PostgresQuery {
        "UPDATE periodic_runs SET job_id = \(jobID) WHERE name = \(name) AND period_start = \(periodStart)"
    }
}
