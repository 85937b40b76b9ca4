/// Where a project stands: `pledged` → `committed` → `ongoing` → `finished`, with `suspended` and `cancelled` beside.
public enum ProjectStatus: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Announced or promised, not yet contractually committed; pipeline only.
    case pledged
    /// Financing agreed; counts toward the target.
    case committed
    /// Under way; counts toward the target.
    case ongoing
    /// Completed; counts toward the target. Terminal unless forced.
    case finished
    /// Paused; may resume as `committed` or `ongoing`.
    case suspended
    /// Abandoned. Terminal unless forced.
    case cancelled

    /// The lower-case name, such as `ongoing`.
    public var description: String { rawValue }

    /// Parses a status name, ignoring case and surrounding whitespace.
    public static func parse(_ text: String) throws(DomainError) -> ProjectStatus {
        let name = TextRules.trimmed(text).lowercased()
        guard let status = ProjectStatus(rawValue: name) else {
            let valid = allCases.map(\.rawValue).joined(separator: ", ")
            if name.isEmpty { throw DomainError("status is empty; use one of: \(valid)") }
            throw DomainError("\(TextRules.quoted(text)) is not a status; use one of: \(valid)")
        }
        return status
    }

    /// Whether the value counts toward the portfolio target: committed, ongoing and finished.
    public var countsTowardTarget: Bool {
        category == .counted
    }

    /// Whether the project is pipeline only (pledged).
    public var isPipeline: Bool {
        category == .pipeline
    }

    /// The reporting group of the status.
    public var category: StatusCategory {
        switch self {
        case .committed, .ongoing, .finished: .counted
        case .pledged: .pipeline
        case .suspended: .suspended
        case .cancelled: .cancelled
        }
    }
}
