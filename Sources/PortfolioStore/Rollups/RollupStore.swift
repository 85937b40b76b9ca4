import Foundation
import Postgres
import PortfolioCore

/// Takes and reads rollup snapshots of the portfolio against its target.
public struct RollupStore: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// What caused a snapshot.
    public enum Trigger: String, Sendable, Codable, CaseIterable {
        case periodic, manual, change
    }

    /// The rollup of the portfolio as it stands, in the target's currency.
    public func current(asOf: LocalDate) throws -> Rollup {
        let target = try TargetStore(connection).current().target
        let fx = try FXStore(connection).table()
        let projects = try ProjectStore(connection).list()
        do {
            return try RollupCalculator.compute(
                inputs: projects.map(RollupInput.init), fx: fx, currency: target.amount.currency, target: target, asOf: asOf)
        } catch {
            throw StoreError.invalid("the rollup cannot be computed: \(error.message)")
        }
    }

    /// Computes the rollup and stores it as a snapshot; returns the snapshot's id.
    @discardableResult
    public func take(trigger: Trigger, asOf: LocalDate) throws -> Int {
        try connection.transaction { c in
            let rollup = try RollupStore(c).current(asOf: asOf)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let breakdown = String(decoding: try encoder.encode(rollup), as: UTF8.self)
            return try c.query(
                """
                INSERT INTO rollup_snapshots (as_of, trigger, currency, target_minor, total_minor, counted_minor,
                    pipeline_minor, suspended_minor, cancelled_minor, project_count, breakdown)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id
                """,
                [asOf.bind, PostgresBind(trigger.rawValue), PostgresBind(rollup.currency.code),
                 PostgresBind(rollup.target.minorUnits), PostgresBind(rollup.total.minorUnits),
                 PostgresBind(rollup.counted.minorUnits), PostgresBind(rollup.pipeline.minorUnits),
                 PostgresBind(rollup.suspended.minorUnits), PostgresBind(rollup.cancelled.minorUnits),
                 PostgresBind(rollup.projectCount), PostgresBind(type: .jsonb, text: breakdown)]
            ).scalar(Int.self)
        }
    }
}
