import PortfolioCore

/// A report ready to render: a breakdown or progress built from a `Rollup`, or a trend built from snapshots.
///
/// Breakdown rows keep the rollup's order (value descending, then key), except statuses, which
/// follow the life cycle: pledged, committed, ongoing, finished, suspended, cancelled. Progress
/// has one row per category (counted, pledged, suspended, cancelled), zero rows included. A trend
/// has no rows; its `points` run oldest first and its total is the latest point's.
public struct Report: Hashable, Sendable {
    /// Which report this is.
    public let kind: ReportKind
    /// The date the figures describe; for a trend, the latest point's date.
    public let asOf: LocalDate
    /// The currency of every amount.
    public let currency: Currency
    /// The breakdown lines; empty for a trend.
    public let rows: [ReportRow]
    /// The whole portfolio.
    public let total: ReportTotal
    /// The amounts against the target; set for `progress` (and available for every rollup report).
    public let progress: ReportProgress?
    /// The snapshots, oldest first; empty unless the kind is `trend`.
    public let points: [TrendPoint]
    /// The ledger's columns, when they were read (see `withFinancing(_:)`).
    public let financing: ReportFinancing?

    /// Creates a report from its parts, as the builders below do.
    public init(
        kind: ReportKind, asOf: LocalDate, currency: Currency, rows: [ReportRow],
        total: ReportTotal, progress: ReportProgress?, points: [TrendPoint], financing: ReportFinancing? = nil
    ) {
        self.kind = kind
        self.asOf = asOf
        self.currency = currency
        self.rows = rows
        self.total = total
        self.progress = progress
        self.points = points
        self.financing = financing
    }

    /// The `sectors`, `statuses`, `lenders` or `progress` report of `rollup`; a trend is refused,
    /// since it needs snapshots (see `init(trend:currency:asOf:)`).
    public init(_ kind: ReportKind, of rollup: Rollup) throws(DomainError) {
        let total = rollup.total.minorUnits
        let rows: [ReportRow]
        switch kind {
        case .sectors:
            rows = try rollup.bySector.map { row throws(DomainError) in try Self.row(row, total: total) }
        case .lenders:
            rows = try rollup.byLender.map { row throws(DomainError) in try Self.row(row, total: total) }
        case .statuses:
            let byKey = Dictionary(rollup.byStatus.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            var ordered: [ReportRow] = []
            for status in ProjectStatus.allCases {
                guard let row = byKey[status.rawValue] else { continue }
                ordered.append(try Self.row(row, total: total))
            }
            rows = ordered
        case .progress:
            rows = try Self.categoryRows(rollup)
        case .trend:
            throw DomainError("a trend report is built from snapshots, not from one rollup")
        }
        self.init(
            kind: kind, asOf: rollup.asOf, currency: rollup.currency, rows: rows,
            total: ReportTotal(projects: rollup.projectCount, value: rollup.total, counted: rollup.counted),
            progress: ReportProgress(
                target: rollup.target, counted: rollup.counted, pledged: rollup.pipeline,
                suspended: rollup.suspended, cancelled: rollup.cancelled, ratio: rollup.progress
            ),
            points: []
        )
    }

    /// The trend of `points` in `currency`, sorted oldest first (by time taken, then date).
    ///
    /// `asOf` is used only when there are no points. Refuses a point in another currency.
    public init(trend points: [TrendPoint], currency: Currency, asOf: LocalDate) throws(DomainError) {
        for point in points where point.total.currency != currency {
            throw DomainError("the snapshot of \(point.asOf) is in \(point.total.currency), not \(currency)")
        }
        let sorted = points.sorted { ($0.takenAt, $0.asOf) < ($1.takenAt, $1.asOf) }
        let latest = sorted.last
        let zero = Money.zero(currency)
        self.init(
            kind: .trend, asOf: latest?.asOf ?? asOf, currency: currency, rows: [],
            total: ReportTotal(
                projects: latest?.projectCount ?? 0, value: latest?.total ?? zero, counted: latest?.counted ?? zero
            ),
            progress: nil, points: sorted
        )
    }

    /// The sectors, statuses, lenders and progress reports of `rollup`, in that order.
    public static func all(of rollup: Rollup) throws(DomainError) -> [Report] {
        try [ReportKind.sectors, .statuses, .lenders, .progress].map { kind throws(DomainError) in
            try Report(kind, of: rollup)
        }
    }

    /// `part / whole`, or zero when the whole is not above zero.
    static func share(_ part: Int128, of whole: Int128) throws(DomainError) -> ExactRatio {
        whole > 0 ? try ExactRatio(part, over: whole) : .zero
    }

    private static func row(_ row: RollupRow, total: Int128) throws(DomainError) -> ReportRow {
        ReportRow(
            key: row.key, projects: row.projects, value: row.value, counted: row.counted,
            share: try share(row.value.minorUnits, of: total)
        )
    }

    /// One row per status category, named counted, pledged, suspended and cancelled.
    private static func categoryRows(_ rollup: Rollup) throws(DomainError) -> [ReportRow] {
        var projects: [StatusCategory: Int] = [:]
        for row in rollup.byStatus {
            guard let status = ProjectStatus(rawValue: row.key) else { continue }
            projects[status.category, default: 0] += row.projects
        }
        return try StatusCategory.allCases.map { category throws(DomainError) in
            let amount = rollup.amount(in: category)
            return ReportRow(
                key: category == .pipeline ? "pledged" : category.rawValue,
                projects: projects[category] ?? 0,
                value: amount,
                counted: category == .counted ? amount : .zero(rollup.currency),
                share: try share(amount.minorUnits, of: rollup.total.minorUnits)
            )
        }
    }
}
