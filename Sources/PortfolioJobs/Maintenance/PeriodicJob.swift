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

    /// Inserts this period's job unless a run of this name was inserted since the period began,
    /// by any leader with any interval; returns the job id when it inserted one. The run record
    /// and the job commit together.
    ///
    /// The period is the one containing the database's `now()`, the clock the rest of the queue
    /// runs on, so leaders whose own clocks disagree still agree on it. Inserters of one name
    /// take turns (an advisory lock for the transaction), so each sees the runs of the one before.
    @discardableResult
    public func insertIfDue(_ connection: Connection, owner: String) throws -> Int? {
        try connection.transaction { c in
            try c.execute(LockPeriodicName(name: name))
            let period = periodStart(containing: try DatabaseClock.now(c))
            guard try c.execute(RecordPeriodicRun(name: name, periodStart: period, owner: owner)) == 1 else { return nil }
            let id = try JobInserter.enqueue(c, [try request()]).first
            try c.execute(LinkPeriodicRun(name: name, periodStart: period, jobID: id))
            return id
        }
    }
}
