import PortfolioCore

/// Writes a report as pretty-printed JSON with sorted keys.
///
/// Money is an exact decimal string (`"2150000000.00"`); shares and progress are JSON numbers
/// written from the exact ratio with at most six decimals (`0.26875`). Every report has
/// `report`, `as_of`, `currency`, `rows` and `total`; progress adds `target`, `counted`,
/// `pledged`, `suspended`, `cancelled` and `progress`; trend rows are snapshots. With the
/// ledger's columns, rows and total add `committed`, `disbursed`, `undisbursed`, `repaid`,
/// `outstanding` and `disbursed_ratio`, and progress adds `disbursed` and `disbursed_progress`.
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
        var total: [String: JSONText] = [
            "projects": .integer(report.total.projects),
            "value": .string(report.total.value.formatted()),
            "counted": .string(report.total.counted.formatted()),
        ]
        if let ledger = report.financing {
            total.merge(Self.ledger(ledger, ledger.total)) { first, _ in first }
        }
        var members: [String: JSONText] = [
            "report": .string(report.kind.rawValue),
            "as_of": .string(report.asOf.description),
            "currency": .string(report.currency.code),
            "total": .object(total),
        ]
        if report.kind == .trend {
            members["rows"] = .array(report.points.map(Self.point))
        } else {
            members["rows"] = .array(report.rows.map { row in Self.row(row, ledger: report.financing) })
        }
        if report.kind == .progress, let progress = report.progress {
            members["target"] = .string(progress.target.formatted())
            members["counted"] = .string(progress.counted.formatted())
            members["pledged"] = .string(progress.pledged.formatted())
            members["suspended"] = .string(progress.suspended.formatted())
            members["cancelled"] = .string(progress.cancelled.formatted())
            members["progress"] = .number(DecimalText.trimmed(progress.ratio, places: Self.places))
            if let ledger = report.financing {
                members["disbursed"] = .string(Money(minorUnits: ledger.total.disbursed, currency: report.currency).formatted())
                let ratio = progress.target.minorUnits > 0
                    ? (try? ExactRatio(ledger.total.disbursed, over: progress.target.minorUnits)) ?? .zero : .zero
                members["disbursed_progress"] = .number(DecimalText.trimmed(ratio, places: Self.places))
            }
        }
        return .object(members)
    }

    private static func row(_ row: ReportRow, ledger: ReportFinancing?) -> JSONText {
        var members: [String: JSONText] = [
            "key": .string(row.key),
            "projects": .integer(row.projects),
            "value": .string(row.value.formatted()),
            "counted": .string(row.counted.formatted()),
            "share": .number(DecimalText.trimmed(row.share, places: places)),
        ]
        if let ledger {
            members.merge(Self.ledger(ledger, ledger.line(row.key))) { first, _ in first }
        }
        return .object(members)
    }

    /// The ledger's members of a row or the total: amounts as decimal strings, the ratio a number.
    private static func ledger(_ ledger: ReportFinancing, _ line: Financing) -> [String: JSONText] {
        var members: [String: JSONText] = [:]
        for (name, amount) in zip(ReportFinancing.header, ledger.amounts(line)) {
            members[name] = .string(amount.formatted())
        }
        members["disbursed_ratio"] = .number(DecimalText.trimmed(line.disbursementRatio, places: places))
        return members
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
