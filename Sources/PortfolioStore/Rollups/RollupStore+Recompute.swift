import Postgres
import PortfolioCore

extension RollupStore {
    /// The rollup of every project as it stands, recomputed from the projects rather than
    /// folded from the snapshots, in `currency` (the target's when nil).
    public func recomputed(asOf: LocalDate, currency: Currency? = nil) throws -> Rollup {
        let target = try TargetStore(connection).current().target
        return try recomputed(fx: try FXStore(connection).table(), currency: currency ?? target.amount.currency, target: target, asOf: asOf)
    }

    /// `recomputed(asOf:currency:)` the slow way: every project read, validated and added one by
    /// one in Swift. The reference the fast path is checked against.
    public func recomputedProjectByProject(asOf: LocalDate, currency: Currency? = nil) throws -> Rollup {
        let target = try TargetStore(connection).current().target
        return try recomputedProjectByProject(
            fx: try FXStore(connection).table(), currency: currency ?? target.amount.currency, target: target, asOf: asOf)
    }

    /// The rollup of every project, recomputed.
    ///
    /// PostgreSQL sums the projects already in `currency` by sector and status, and their
    /// lenders' stored parts (split when the project was written) by lender and status. Only
    /// projects in other currencies come back one by one, to be converted at their value date
    /// and then split, in Swift. One statement, so one snapshot of the data. Sums are `numeric`, and
    /// fit 128 bits (see `Money.maxValueMinorUnits`).
    func recomputed(fx: FXTable, currency: Currency, target: Target, asOf: LocalDate) throws -> Rollup {
        let rows = try connection.transaction { c in try c.query(Self.recomputeSQL, currency.code) }
        var accumulator = RollupAccumulator(currency: currency, fx: fx)
        do {
            try Self.accumulate(rows, into: &accumulator, fx: fx, currency: currency)
            return try accumulator.result(target: target, asOf: asOf)
        } catch let error as DomainError {
            throw Self.failure(error, target: target, currency: currency, asOf: asOf)
        }
    }

    /// The rollup of every project, each read, validated and added in Swift.
    func recomputedProjectByProject(fx: FXTable, currency: Currency, target: Target, asOf: LocalDate) throws -> Rollup {
        let inputs = try ProjectStore(connection).list().map(RollupInput.init)
        return try compute(inputs, fx: fx, currency: currency, target: target, asOf: asOf)
    }

    /// Row kinds of `recomputeSQL`: `g` a sector and status group, `s` a lender's stored parts
    /// summed by status, `p` a project in another currency (converted, then split, in Swift).
    static let recomputeSQL = """
        SELECT 'g' AS kind, sector_code, status, NULL::text AS lender, count(*) AS projects,
               sum(value_minor) AS value_minor, NULL::text AS code, NULL::char(3) AS currency,
               NULL::date AS value_date, NULL::text[] AS lender_names, NULL::integer[] AS lender_shares
        FROM projects WHERE currency = $1::char(3) GROUP BY sector_code, status
        UNION ALL
        SELECT 's', NULL, s.status, l.name, s.projects, s.parts, NULL, NULL, NULL, NULL, NULL
        FROM (SELECT pl.lender_id, p.status, count(*) AS projects, sum(pl.part_minor) AS parts
              FROM project_lenders pl JOIN projects p ON p.id = pl.project_id
              WHERE p.currency = $1::char(3) GROUP BY pl.lender_id, p.status) s
        JOIN lenders l ON l.id = s.lender_id
        UNION ALL
        SELECT 'p', p.sector_code, p.status, NULL, NULL, p.value_minor, p.code, p.currency, p.value_date,
               array_agg(l.name ORDER BY pl.share_bp DESC, l.name), array_agg(pl.share_bp ORDER BY pl.share_bp DESC, l.name)
        FROM projects p JOIN project_lenders pl ON pl.project_id = p.id JOIN lenders l ON l.id = pl.lender_id
        WHERE p.currency < $1::char(3) OR p.currency > $1::char(3)
        GROUP BY p.id
        """

    private static func accumulate(_ rows: PostgresRows, into accumulator: inout RollupAccumulator, fx: FXTable, currency: Currency) throws {
        for row in rows {
            let status = try status(row)
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
                try requireRate(for: input, fx: fx, currency: currency)
                try accumulator.add(input)
            }
        }
    }

    private static func status(_ row: PostgresRow) throws -> ProjectStatus {
        let text = try row.decode(String.self, "status")
        guard let status = ProjectStatus(rawValue: text) else {
            throw PostgresError(.decoding, "a stored project has the unknown status \(text)")
        }
        return status
    }
}
