import Postgres
import PortfolioCore

extension RollupStore {
    /// The rollup of every project as it stands, recomputed from the projects rather than
    /// folded from the snapshots, in `currency` (the target's when nil). Every input is read by
    /// one statement (see `RollupInputs`).
    public func recomputed(asOf: LocalDate, currency: Currency? = nil) throws -> Rollup {
        guard let rollup = try RollupInputs.read(connection, currency: currency, recompute: true).recomputed(asOf: asOf) else {
            throw PostgresError(.decoding, "the rollup's inputs came back without the recomputation asked for")
        }
        return rollup
    }

    /// `recomputed(asOf:currency:)` the slow way: every project read, validated and added one by
    /// one in Swift. The reference the fast path is checked against. Its reads share one
    /// REPEATABLE READ snapshot when the caller has no transaction open.
    public func recomputedProjectByProject(asOf: LocalDate, currency: Currency? = nil) throws -> Rollup {
        try connection.transaction(isolation: .repeatableRead) { c in
            let target = try TargetStore(c).current().target
            let inputs = try ProjectStore(c).list().map(RollupInput.init)
            return try compute(inputs, fx: try FXStore(c).table(), currency: currency ?? target.amount.currency, target: target, asOf: asOf)
        }
    }
}
