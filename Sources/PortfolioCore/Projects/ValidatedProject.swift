/// A project's content after every rule has passed, without the store's version and timestamps.
///
/// Text is trimmed and blank optional text is `nil`. Rules: name 1...300 characters, sector code
/// well formed, value not negative, lender shares valid (see `LenderShare.validate`), end date not
/// before start date, location at most 200 and description at most 2000 characters, and no control
/// characters in any text.
public struct ValidatedProject: Hashable, Sendable {
    /// The unique project code.
    public let code: ProjectCode
    /// The project's name.
    public let name: String
    /// The code of the project's sector, such as `energy`.
    public let sectorCode: String
    /// The current status.
    public let status: ProjectStatus
    /// The project's value, not negative.
    public let value: Money
    /// The date the value was stated; FX conversion uses the rate of this date.
    public let valueDate: LocalDate
    /// The financing lenders and their shares, adding up to 100%.
    public let lenders: [LenderShare]
    /// When work started or is planned to start.
    public let startDate: LocalDate?
    /// When work ended or is planned to end; not before `startDate`.
    public let endDate: LocalDate?
    /// Where the project is, free text.
    public let location: String?
    /// A longer description, free text.
    public let description: String?

    init(
        unchecked code: ProjectCode, name: String, sectorCode: String, status: ProjectStatus,
        value: Money, valueDate: LocalDate, lenders: [LenderShare],
        startDate: LocalDate?, endDate: LocalDate?, location: String?, description: String?
    ) {
        self.code = code
        self.name = name
        self.sectorCode = sectorCode
        self.status = status
        self.value = value
        self.valueDate = valueDate
        self.lenders = lenders
        self.startDate = startDate
        self.endDate = endDate
        self.location = location
        self.description = description
    }

    /// Checks typed values against the project rules, reporting every problem at once.
    public init(
        code: ProjectCode, name: String, sectorCode: String, status: ProjectStatus = .pledged,
        value: Money, valueDate: LocalDate, lenders: [LenderShare],
        startDate: LocalDate? = nil, endDate: LocalDate? = nil,
        location: String? = nil, description: String? = nil
    ) throws(ValidationFailure) {
        var collector = ProblemCollector()
        let checked = ProjectRules.check(
            &collector, code: code, name: name, sectorCode: sectorCode, status: status,
            value: value, valueDate: valueDate, lenders: lenders,
            startDate: .some(startDate), endDate: .some(endDate),
            location: .some(location), description: .some(description)
        )
        guard let checked else { throw ValidationFailure(collector.problems) }
        self = checked
    }

    /// The same content with `status`; a status breaks none of the content's rules.
    func with(status: ProjectStatus) -> ValidatedProject {
        ValidatedProject(
            unchecked: code, name: name, sectorCode: sectorCode, status: status, value: value, valueDate: valueDate,
            lenders: lenders, startDate: startDate, endDate: endDate, location: location, description: description)
    }
}
