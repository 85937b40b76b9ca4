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
    /// and then split, in Swift. One statement, so one snapshot of the data. When a sum does not fit 64 bits, the projects are added one
    /// by one instead, which names the project that overflows.
    func recomputed(fx: FXTable, currency: Currency, target: Target, asOf: LocalDate) throws -> Rollup {
        let rows: PostgresRows
        do {
            rows = try connection.transaction { c in try c.query(Self.recomputeSQL, currency.code) }
        } catch let error as PostgresError where error.sqlState == "22003" {
            return try recomputedProjectByProject(fx: fx, currency: currency, target: target, asOf: asOf)
        }
        var accumulator = RollupAccumulator(currency: currency, fx: fx)
        do {
            try Self.accumulate(rows, into: &accumulator, currency: currency)
            return try accumulator.result(target: target, asOf: asOf)
        } catch let error as DomainError {
            throw StoreError.invalid("the rollup cannot be computed: \(error.message) (add the rate with 'portfolio fx set')")
        }
    }

    /// The rollup of every project, each read, validated and added in Swift.
    func recomputedProjectByProject(fx: FXTable, currency: Currency, target: Target, asOf: LocalDate) throws -> Rollup {
        let inputs = try ProjectStore(connection).list().map(RollupInput.init)
        return try compute(inputs, fx: fx, currency: currency, target: target, asOf: asOf)
    }

    /// Row kinds of `recomputeSQL`: `g` a sector and status group, `s` a lender's stored parts
    /// summed by status, `p` one lender row of a project in another currency (converted, then
    /// split, in Swift), `l` a lender's name.
    static let recomputeSQL = """
        SELECT 'g' AS kind, NULL::bigint AS project_id, sector_code, status, NULL::bigint AS lender_id,
               count(*) AS projects, sum(value_minor)::bigint AS value, NULL::integer AS share_bp,
               NULL::text AS currency, NULL::date AS value_date, NULL::text AS name, NULL::text AS code
        FROM projects WHERE currency = $1::char(3) GROUP BY sector_code, status
        UNION ALL
        SELECT 's', NULL, NULL, p.status, pl.lender_id, count(*), sum(pl.part_minor)::bigint, NULL, NULL, NULL, NULL, NULL
        FROM project_lenders pl JOIN projects p ON p.id = pl.project_id
        WHERE p.currency = $1::char(3) GROUP BY pl.lender_id, p.status
        UNION ALL
        SELECT 'p', p.id, p.sector_code, p.status, pl.lender_id, NULL, p.value_minor, pl.share_bp, p.currency, p.value_date, NULL, p.code
        FROM project_lenders pl JOIN projects p ON p.id = pl.project_id
        WHERE p.currency < $1::char(3) OR p.currency > $1::char(3)
        UNION ALL
        SELECT 'l', NULL, NULL, NULL, id, NULL, NULL, NULL, NULL, NULL, name, NULL FROM lenders
        """

    /// One project whose lender rows come back one by one.
    private struct Pending {
        var code: String
        var sectorCode: String
        var status: ProjectStatus
        var value: Int64
        var currency: String
        var valueDate: LocalDate
        var shares: [LenderShare]
    }

    private static func accumulate(_ rows: PostgresRows, into accumulator: inout RollupAccumulator, currency: Currency) throws {
        var names: [Int: String] = [:]
        for row in rows where row.text(at: 0) == "l" {
            names[try row.decode(Int.self, at: 4)] = try row.decode(String.self, at: 10)
        }
        func name(_ id: Int) throws -> String {
            guard let name = names[id] else { throw PostgresError(.decoding, "lender \(id) of a project does not exist") }
            return name
        }
        var shareCache: [Int64: LenderShare] = [:]
        var pending: [Int: Pending] = [:]
        for row in rows {
            switch row.text(at: 0) {
            case "g":
                try accumulator.addGroup(
                    sector: try row.decode(String.self, at: 2), status: try status(row),
                    projects: try row.decode(Int.self, at: 5), value: try row.decode(Int64.self, at: 6))
            case "s":
                let status = try status(row)
                let value = try row.decode(Int64.self, at: 6)
                try accumulator.addLenderParts(
                    try name(try row.decode(Int.self, at: 4)), projects: try row.decode(Int.self, at: 5),
                    value: value, counted: status.countsTowardTarget ? value : 0)
            case "p":
                let lenderID = try row.decode(Int.self, at: 4)
                let basisPoints = try row.decode(Int.self, at: 7)
                let key = Int64(lenderID) << 16 | Int64(basisPoints)
                let share: LenderShare
                if let cached = shareCache[key] {
                    share = cached
                } else {
                    share = try LenderShare(lender: try name(lenderID), basisPoints: basisPoints)
                    shareCache[key] = share
                }
                let projectID = try row.decode(Int.self, at: 1)
                if pending[projectID] != nil {
                    pending[projectID]?.shares.append(share)
                } else {
                    pending[projectID] = Pending(
                        code: try row.decode(String.self, at: 11), sectorCode: try row.decode(String.self, at: 2), status: try status(row),
                        value: try row.decode(Int64.self, at: 6), currency: try row.decode(String.self, at: 8),
                        valueDate: try row.localDate("value_date"), shares: [share])
                }
            default:
                continue
            }
        }
        for (_, project) in pending {
            let value = Money(minorUnits: project.value, currency: try Currency(code: project.currency))
            try accumulator.add(try RollupInput(
                code: try ProjectCode(project.code), sectorCode: project.sectorCode, status: project.status,
                value: value, valueDate: project.valueDate, lenders: project.shares))
        }
    }

    private static func status(_ row: PostgresRow) throws -> ProjectStatus {
        let text = try row.decode(String.self, at: 3)
        guard let status = ProjectStatus(rawValue: text) else {
            throw PostgresError(.decoding, "a stored project has the unknown status \(text)")
        }
        return status
    }
}
