import PortfolioCore

/// A change cannot apply yet: its effective date is after the database's current date. A
/// change never takes effect before its effective date, however its job is run.
public struct ChangeNotYetEffective: Error, Sendable, CustomStringConvertible {
    /// The project's code.
    public let code: String
    /// The change's effective date.
    public let effective: LocalDate
    public var description: String { "the change of \(code) is effective on \(effective); it waits until then" }
}
