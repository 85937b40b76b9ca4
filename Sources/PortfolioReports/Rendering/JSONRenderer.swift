import PortfolioCore

/// Writes a report as pretty-printed JSON with sorted keys.
///
/// Money is an exact decimal string (`"2150000000.00"`); shares and progress are JSON numbers
/// written from the exact ratio with at most six decimals (`0.26875`). Every report has
/// `report`, `as_of`, `currency`, `rows` and `total`; progress adds `target`, `counted`,
/// `pledged`, `suspended`, `cancelled` and `progress`; trend rows are snapshots.
public struct JSONRenderer: ReportRenderer {
    /// Decimal places of shares and progress, at most.
    public static let places = 6

    /// Creates a renderer.
    public init() {}

    /// The JSON document, ending with a newline.
    public func render(_ report: Report) -> String {
        value(report).pretty
    }

    func value(_ report: Report) -> JSONText {
        var members: [String: JSONText] = [
            "report": .string(report.kind.rawValue),
            "as_of": .string(report.asOf.description),
            "currency": .string(report.currency.code),
            "total": .object([
                "projects": .integer(report.total.projects),
                "value": .string(report.total.value.formatted()),
                "counted": .string(report.total.counted.formatted()),
            ]),
        ]
        if report.kind == .trend {
            members["rows"] = .array(report.points.map(Self.point))
        } else {
            members["rows"] = .array(report.rows.map(Self.row))
        }
        if report.kind == .progress, let progress = report.progress {
            members["target"] = .string(progress.target.formatted())
            members["counted"] = .string(progress.counted.formatted())
            members["pledged"] = .string(progress.pledged.formatted())
            members["suspended"] = .string(progress.suspended.formatted())
            members["cancelled"] = .string(progress.cancelled.formatted())
            members["progress"] = .number(DecimalText.trimmed(progress.ratio, places: Self.places))
        }
        return .object(members)
    }

    private static func row(_ row: ReportRow) -> JSONText {
        .object([
            "key": .string(row.key),
            "projects": .integer(row.projects),
            "value": .string(row.value.formatted()),
            "counted": .string(row.counted.formatted()),
            "share": .number(DecimalText.trimmed(row.share, places: places)),
        ])
    }

    private static func point(_ point: TrendPoint) -> JSONText {
        .object([
            "taken_at": .string(ReportText.timestamp(point.takenAt)),
            "as_of": .string(point.asOf.description),
            "trigger": .string(point.trigger),
            "projects": .integer(point.projectCount),
            "total": .string(point.total.formatted()),
            "counted": .string(point.counted.formatted()),
            "target": .string(point.target.formatted()),
            "progress": .number(DecimalText.trimmed(point.progress, places: places)),
        ])
    }
}
