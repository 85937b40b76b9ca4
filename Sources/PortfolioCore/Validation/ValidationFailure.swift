/// Every problem found while validating one input, such as a project draft or a CSV row.
public struct ValidationFailure: CommandFailure, Hashable, Sendable, Codable {
    /// Input that does not validate is bad data.
    public var exitStatus: ExitStatus { .dataError }

    /// The problems, in field order; never empty when thrown.
    public let problems: [DomainError]

    /// Creates a failure from its problems.
    public init(_ problems: [DomainError]) {
        self.problems = problems
    }

    /// Creates a failure with a single problem.
    public init(_ problem: DomainError) {
        self.problems = [problem]
    }

    /// The problems joined by `; ` on one line.
    public var description: String {
        problems.map(\.description).joined(separator: "; ")
    }
}
