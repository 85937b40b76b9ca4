import Foundation
import Postgres
import PortfolioCore

/// Everything a rollup is computed from — the target, the reporting currency, the FX rates,
/// the changes not yet in a snapshot, and either the newest snapshot or the sums of a full
/// recomputation — read by one statement, and so from one snapshot of the database.
///
/// Read in separate statements, a change committing between two of them would be in one input
/// and not in the other: a project in the recomputed sums whose change is not among those a
/// snapshot marks as folded (so the next snapshot adds it again), a reset read with the rates
/// from before it, or pending changes read before a snapshot that folded them committed.
struct RollupInputs {
    /// A change not yet folded into a snapshot; its facts are kept as the stored JSON text.
    struct Change {
        let id: Int
        let before: String?
        let after: String?
        let reset: Bool
    }

    /// The target in force.
    let target: Target
    /// The reporting currency: the one asked for, else the target's.
    let currency: Currency
    /// Every FX rate.
    let fx: FXTable
    /// The pending changes, oldest first.
    let changes: [Change]
    /// The newest snapshot, when the changes can be folded into it (nil when a recomputation was
    /// read instead, or the snapshot does not decode).
    let latest: Rollup?
    /// The rows of a full recomputation (kinds `g`, `s` and `p`), nil when none was read: one is
    /// read when asked for, when a pending change is a reset, or when the newest snapshot is
    /// missing or in another currency.
    let recomputation: [PostgresRow]?

    /// The ids of the pending changes, which a snapshot computed from these inputs marks as folded.
    var changeIDs: [Int] { changes.map(\.id) }

    /// Reads the inputs in one statement, with the rows of a full recomputation when `recompute`
    /// is true or the data asks for one.
    static func read(_ connection: Connection, currency: Currency?, recompute: Bool) throws -> RollupInputs {
        let rows = try connection.query(
            sql, [PostgresBind(currency?.code), PostgresBind(Target.default.amount.currency.code), PostgresBind(recompute)])
        var reporting: Currency?
        var recomputes = false
        var breakdown: String?
        var target = Target.default
        var rates: [FXRate] = []
        var changes: [Change] = []
        var recomputation: [PostgresRow] = []
        for row in rows {
            switch row.text(at: 0) {
            case "h":
                reporting = try row.currency("currency")
                recomputes = try row.decode(Bool.self, "reset")
                breakdown = try row.decode(String?.self, "breakdown")
            case "t":
                let amount = Money(minorUnits: try row.decode(Int128.self, "value_minor"), currency: try row.currency("currency"))
                do {
                    target = try Target(amount: amount)
                } catch {
                    throw PostgresError(.decoding, "the stored target is invalid: \(error)")
                }
            case "x":
                rates.append(try FXStore.rate(from: row, dateColumn: "value_date"))
            case "d":
                changes.append(Change(
                    id: try row.decode(Int.self, "id"), before: try row.decode(String?.self, "before"),
                    after: try row.decode(String?.self, "after"), reset: try row.decode(Bool.self, "reset")))
            default:
                recomputation.append(row)
            }
        }
        guard let reporting else { throw PostgresError(.decoding, "the rollup's inputs came back without their header row") }
        changes.sort { $0.id < $1.id }
        return RollupInputs(
            target: target, currency: reporting, fx: FXTable(rates), changes: changes,
            latest: recomputes ? nil : breakdown.flatMap { try? JSONDecoder().decode(Rollup.self, from: Data($0.utf8)) },
            recomputation: recomputes ? recomputation : nil)
    }

    /// The newest snapshot with the pending changes folded in (remove each project's old facts,
    /// add its new ones); nil when there is no snapshot to fold into or it cannot take the changes.
    func folded(asOf: LocalDate) -> Rollup? {
        guard let latest else { return nil }
        do {
            var accumulator = try RollupAccumulator(restoring: latest, fx: fx)
            let decoder = JSONDecoder()
            for change in changes {
                if let before = change.before {
                    try accumulator.remove(try decoder.decode(RollupInput.self, from: Data(before.utf8)))
                }
                if let after = change.after {
                    try accumulator.add(try decoder.decode(RollupInput.self, from: Data(after.utf8)))
                }
            }
            return try accumulator.result(target: target, asOf: asOf)
        } catch {
            return nil
        }
    }

    /// The rollup of every project from the recomputation's rows; nil when none was read.
    ///
    /// PostgreSQL sums the projects already in the reporting currency by sector and status, and
    /// their lenders' stored parts (split when the project was written) by lender and status. Only
    /// projects in other currencies come back one by one, to be converted at their value date and
    /// then split, in Swift. Sums are `numeric`, and fit 128 bits (see `Money.maxValueMinorUnits`).
    func recomputed(asOf: LocalDate) throws -> Rollup? {
        guard let recomputation else { return nil }
        var accumulator = RollupAccumulator(currency: currency, fx: fx)
        do {
            for row in recomputation {
                let status = try Self.status(row)
                switch row.text(at: 0) {
                case "g":
                    try accumulator.addGroup(
                        sector: try row.decode(String.self, "sector_code"), status: status,
                        projects: try row.decode(Int.self, "projects"), value: try row.decode(Int128.self, "value_minor"))
                case "s":
                    let value = try row.decode(Int128.self, "value_minor")
                    try accumulator.addLenderParts(
                        try row.decode(String.self, "lender"), projects: try row.decode(Int.self, "projects"),
                        value: value, counted: status.countsTowardTarget ? value : 0)
                default:
                    let input = try row.rollupInput(status: status)
                    try RollupStore.requireRate(for: input, fx: fx, currency: currency)
                    try accumulator.add(input)
                }
            }
            return try accumulator.result(target: target, asOf: asOf)
        } catch let error as DomainError {
            throw RollupStore.failure(error, target: target, currency: currency, asOf: asOf)
        }
    }

    private static func status(_ row: PostgresRow) throws -> ProjectStatus {
        let text = try row.decode(String.self, "status")
        guard let status = ProjectStatus(rawValue: text) else {
            throw PostgresError(.decoding, "a stored project has the unknown status \(text)")
        }
        return status
    }

    /// The inputs, one row each, by `kind`:
    /// - `h` (always one): `currency` the reporting currency (`$1`, else the target's, else `$2`),
    ///   `reset` whether the recomputation rows follow (`$3`, a pending reset, or the newest snapshot
    ///   missing or in another currency), `breakdown` the newest snapshot when they do not;
    /// - `t` (none while no target is set): the target, `value_minor` in `currency`;
    /// - `x`: an FX rate, `currency` in `quote` on `value_date` is `rate`;
    /// - `d`: a pending change `id` with its `before` and `after` facts and `reset`;
    /// - `g`, `s`, `p`, only with a recomputation: a sector and status group of projects in the
    ///   reporting currency, a lender's stored parts of those summed by status, and a project in
    ///   another currency (converted, then split, in Swift).
    ///
    /// Every part is in this one statement, so every part is read from the same snapshot.
    static let sql = """
        WITH target AS (
            SELECT amount_minor, currency FROM targets ORDER BY id DESC LIMIT 1
        ), reporting AS (
            SELECT coalesce($1::char(3), (SELECT currency FROM target), $2::char(3)) AS code
        ), latest AS (
            SELECT currency, breakdown FROM rollup_snapshots ORDER BY id DESC LIMIT 1
        ), pending AS (
            SELECT id, before, after, reset FROM rollup_deltas WHERE snapshot_id IS NULL
        ), plan AS (
            SELECT $3::boolean OR EXISTS (SELECT 1 FROM pending WHERE reset)
                   OR (SELECT currency FROM latest) IS DISTINCT FROM (SELECT code FROM reporting) AS recompute
        )
        SELECT 'h'::text AS kind, NULL::bigint AS id, NULL::text AS sector_code, NULL::text AS status, NULL::text AS lender,
               NULL::bigint AS projects, NULL::numeric AS value_minor, NULL::text AS code, r.code AS currency,
               NULL::date AS value_date, NULL::text[] AS lender_names, NULL::integer[] AS lender_shares,
               NULL::char(3) AS quote, NULL::text AS rate, NULL::text AS before, NULL::text AS after, plan.recompute AS reset,
               CASE WHEN plan.recompute THEN NULL ELSE (SELECT breakdown::text FROM latest) END AS breakdown
        FROM reporting r, plan
        UNION ALL
        SELECT 't', NULL, NULL, NULL, NULL, NULL, amount_minor, NULL, currency, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM target
        UNION ALL
        SELECT 'x', NULL, NULL, NULL, NULL, NULL, NULL, NULL, currency, rate_date, NULL, NULL, quote, rate::text, NULL, NULL, NULL, NULL
        FROM fx_rates
        UNION ALL
        SELECT 'd', id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, before::text, after::text, reset, NULL
        FROM pending
        UNION ALL
        SELECT 'g', NULL, sector_code, status, NULL, count(*), sum(value_minor), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL
        FROM projects WHERE (SELECT recompute FROM plan) AND currency = (SELECT code FROM reporting) GROUP BY sector_code, status
        UNION ALL
        SELECT 's', NULL, NULL, s.status, l.name, s.projects, s.parts, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM (SELECT pl.lender_id, p.status, count(*) AS projects, sum(pl.part_minor) AS parts
              FROM project_lenders pl JOIN projects p ON p.id = pl.project_id
              WHERE (SELECT recompute FROM plan) AND p.currency = (SELECT code FROM reporting)
              GROUP BY pl.lender_id, p.status) s
        JOIN lenders l ON l.id = s.lender_id
        UNION ALL
        SELECT 'p', NULL, p.sector_code, p.status, NULL, NULL, p.value_minor, p.code, p.currency, p.value_date,
               array_agg(l.name ORDER BY pl.share_bp DESC, l.name), array_agg(pl.share_bp ORDER BY pl.share_bp DESC, l.name),
               NULL, NULL, NULL, NULL, NULL, NULL
        FROM projects p JOIN project_lenders pl ON pl.project_id = p.id JOIN lenders l ON l.id = pl.lender_id
        WHERE (SELECT recompute FROM plan)
          AND (p.currency < (SELECT code FROM reporting) OR p.currency > (SELECT code FROM reporting))
        GROUP BY p.id
        """
}
