import Foundation

/// A job as listed for administrators.
public struct JobRow: Sendable, Codable, Hashable {
    public let id: Int
    public let kind: String
    public let queue: String
    public let state: JobState
    public let priority: Int
    public let attempt: Int
    public let maxAttempts: Int
    public let runAt: Date
    public let uniqueKey: String?
    public let owner: String?
    public let lastError: String?
    public let args: String
}
