import Postgres
import PortfolioCore

/// Stores a rollup as a snapshot; returns its id.
public struct InsertRollupSnapshot: PostgresPreparedStatement {
    public var asOf: LocalDate
    public var trigger: String
    public var rollup: Rollup
    /// The rollup's breakdown as JSON.
    public var breakdown: String
    /// The portfolio's financing lines as JSON (`FinancingLines`), nil when not computed.
    public var financing: String?
    public var fullRecompute: Bool
    public var deltasApplied: Int

    public init(asOf: LocalDate, trigger: String, rollup: Rollup, breakdown: String, financing: String?, fullRecompute: Bool, deltasApplied: Int) {
        self.asOf = asOf
        self.trigger = trigger
        self.rollup = rollup
        self.breakdown = breakdown
        self.financing = financing
        self.fullRecompute = fullRecompute
        self.deltasApplied = deltasApplied
    }

    public var query: PostgresQuery {
        """
        INSERT INTO rollup_snapshots (as_of, trigger, currency, target_minor, total_minor, counted_minor,
            pipeline_minor, suspended_minor, cancelled_minor, project_count, breakdown, financing, full_recompute, deltas_applied)
        VALUES (\(bind: asOf.bind), \(trigger), \(rollup.currency.code), \(rollup.target.minorUnits), \(rollup.total.minorUnits),
                \(rollup.counted.minorUnits), \(rollup.pipeline.minorUnits), \(rollup.suspended.minorUnits),
                \(rollup.cancelled.minorUnits), \(rollup.projectCount), \(bind: PostgresBind(type: .jsonb, text: breakdown)),
                \(bind: PostgresBind(type: .jsonb, text: financing)),
                \(fullRecompute), \(deltasApplied))
        RETURNING id
        """
    }

    public func decode(_ row: PostgresRow) throws -> Int { try row.decode(Int.self, "id") }
}
