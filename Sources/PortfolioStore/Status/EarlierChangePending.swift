/// A scheduled change cannot apply yet: an earlier change of the same project still waits.
public struct EarlierChangePending: Error, Sendable, CustomStringConvertible {
    /// The project's code.
    public let code: String
    public var description: String { "an earlier change of \(code) is not applied yet" }
}
