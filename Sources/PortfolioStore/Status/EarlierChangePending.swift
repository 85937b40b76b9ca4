import Foundation

/// A scheduled change cannot apply yet: an earlier change of the same project still waits.
public struct EarlierChangePending: Error, Sendable, CustomStringConvertible {
    /// The project's code.
    public let code: String
    /// The latest run time of the earlier changes still waiting to run (in backoff after a
    /// failure, or scheduled): this change cannot apply before it. Nil when every earlier
    /// change is running now.
    public let blockedUntil: Date?

    public init(code: String, blockedUntil: Date? = nil) {
        self.code = code
        self.blockedUntil = blockedUntil
    }

    public var description: String { "an earlier change of \(code) is not applied yet" }
}
