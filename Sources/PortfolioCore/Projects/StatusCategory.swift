/// How a status is grouped in totals: counted against the target, pipeline, or shown apart.
public enum StatusCategory: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Committed, ongoing and finished: counted against the target.
    case counted
    /// Pledged: pipeline, not counted.
    case pipeline
    /// Suspended: shown apart.
    case suspended
    /// Cancelled: shown apart.
    case cancelled

    /// The lower-case name.
    public var description: String { rawValue }
}
