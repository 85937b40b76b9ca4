/// A refused value or action: which field was wrong, if any, and why, in one line.
public struct DomainError: CommandFailure, Hashable, Sendable, Codable {
    /// A broken rule of the domain is bad data.
    public var exitStatus: ExitStatus { .dataError }

    /// The field the problem is about, such as `value` or `lenders`; `nil` when none applies.
    public let field: String?
    /// What is wrong, quoting the offending input where there is one.
    public let message: String

    /// Creates an error with a message and an optional field name.
    public init(_ message: String, field: String? = nil) {
        self.message = message
        self.field = field
    }

    /// `field: message`, or just the message when no field is set.
    public var description: String {
        guard let field else { return message }
        return "\(field): \(message)"
    }

    /// The same error attributed to `name`, unless it already names a field.
    public func inField(_ name: String) -> DomainError {
        field == nil ? DomainError(message, field: name) : self
    }
}
