import Postgres

/// Where a job is in its life, as the `jobs.state` column holds it.
///
/// `available` → `running` (claimed) → `completed`, or back to `available` (a retry, a snooze,
/// a release, a rescue), or `discarded` (out of attempts, or refused for good), or `cancelled`
/// (by an administrator, or superseded by a waiting job with the same key). `retry` puts a
/// finished job back to `available`.
public enum JobState: String, Sendable, Codable, CaseIterable, PostgresEncodable, PostgresDecodable {
    case available, running, completed, discarded, cancelled

    /// Whether the job is done with: completed, discarded or cancelled.
    public var isFinished: Bool {
        switch self {
        case .completed, .discarded, .cancelled: true
        case .available, .running: false
        }
    }

    public static var postgresType: OID { .text }
    public var postgresText: String? { rawValue }

    /// Decodes the column's text; nil for a state this version does not know.
    public static func decode(postgresText text: String, type: OID) -> JobState? { JobState(rawValue: text) }
}
