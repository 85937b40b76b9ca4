/// The names of project fields as used in errors, CSV headers and JSON, such as `value_date`.
public enum ProjectField: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The project code.
    case code
    /// The project name.
    case name
    /// The sector code.
    case sector
    /// The status.
    case status
    /// The value amount.
    case value
    /// The value's currency.
    case currency
    /// The value date.
    case valueDate = "value_date"
    /// The lender shares.
    case lenders
    /// The start date.
    case startDate = "start_date"
    /// The end date.
    case endDate = "end_date"
    /// The location.
    case location
    /// The description.
    case description

    /// The snake-case name.
    public var description: String { rawValue }
}
