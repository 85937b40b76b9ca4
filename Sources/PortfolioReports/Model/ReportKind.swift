/// Which report to produce: a breakdown of a rollup, the progress against the target, or the trend over snapshots.
public enum ReportKind: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Value by sector.
    case sectors
    /// Value by status.
    case statuses
    /// Value by lender.
    case lenders
    /// Counted, pledged, suspended and cancelled value against the target.
    case progress
    /// Totals and progress over rollup snapshots.
    case trend

    /// The lower-case name, such as `sectors`.
    public var description: String { rawValue }

    /// A human title, such as `Value by sector`.
    public var title: String {
        switch self {
        case .sectors: "Value by sector"
        case .statuses: "Value by status"
        case .lenders: "Value by lender"
        case .progress: "Progress against target"
        case .trend: "Trend over time"
        }
    }

    /// What a row's key names, such as `sector`.
    public var keyName: String {
        switch self {
        case .sectors: "sector"
        case .statuses: "status"
        case .lenders: "lender"
        case .progress: "category"
        case .trend: "snapshot"
        }
    }
}
