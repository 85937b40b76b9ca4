import Foundation
import Postgres
import PortfolioStore

/// A job inserted once per period by the leader.
public struct PeriodicJob: Sendable {
    public let name: String
    public let interval: Duration
    public let request: @Sendable () throws -> JobRequest

    public init(name: String, interval: Duration, request: @escaping @Sendable () throws -> JobRequest) {
        self.name = name
        self.interval = interval
        self.request = request
    }

    /// The start of the period that contains `date`.
    public func periodStart(containing date: Date) -> Date {
        let seconds = max(1, Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18)
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 / seconds).rounded(.down) * seconds)
    }

    /// Inserts this period's job unless some leader already did; returns the job id when it
    /// inserted one. The run record and the job commit together.
    @discardableResult
    public func insertIfDue(_ connection: Connection, owner: String, now: Date) throws -> Int? {
        let period = periodStart(containing: now)
        return try connection.transaction { c in
            let claimed = try c.query(
                "INSERT INTO periodic_runs (name, period_start, inserted_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                name, period, owner).affectedRows
            guard claimed == 1 else { return nil }
            let id = try JobInserter.enqueue(c, [try request()]).first
            try c.query("UPDATE periodic_runs SET job_id = $3 WHERE name = $1 AND period_start = $2", name, period, id)
            return id
        }
    }
}
