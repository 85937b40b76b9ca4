/// Changes to a project's content; `nil` leaves a field as it is.
///
/// The code is the project's identity and the status changes through transitions, so
/// neither is here. Version and timestamps are the store's to set.
public struct ProjectPatch: Hashable, Sendable {
    /// A new name.
    public var name: String?
    /// A new sector code.
    public var sectorCode: String?
    /// A new value (amount and currency).
    public var value: Money?
    /// A new value date.
    public var valueDate: LocalDate?
    /// New lender shares, replacing all current ones.
    public var lenders: [LenderShare]?
    /// A new or cleared start date.
    public var startDate: FieldUpdate<LocalDate>?
    /// A new or cleared end date.
    public var endDate: FieldUpdate<LocalDate>?
    /// A new or cleared location.
    public var location: FieldUpdate<String>?
    /// A new or cleared description.
    public var description: FieldUpdate<String>?

    /// Creates a patch; every field defaults to "unchanged".
    public init(
        name: String? = nil, sectorCode: String? = nil, value: Money? = nil, valueDate: LocalDate? = nil,
        lenders: [LenderShare]? = nil, startDate: FieldUpdate<LocalDate>? = nil,
        endDate: FieldUpdate<LocalDate>? = nil, location: FieldUpdate<String>? = nil,
        description: FieldUpdate<String>? = nil
    ) {
        self.name = name
        self.sectorCode = sectorCode
        self.value = value
        self.valueDate = valueDate
        self.lenders = lenders
        self.startDate = startDate
        self.endDate = endDate
        self.location = location
        self.description = description
    }

    /// Whether the patch changes nothing.
    public var isEmpty: Bool {
        self == ProjectPatch()
    }

    /// The project with the changes applied, checked against every project rule at once;
    /// version and timestamps are kept as they were.
    public func apply(to project: Project) throws(ValidationFailure) -> Project {
        let content = try ValidatedProject(
            code: project.code,
            name: name ?? project.name,
            sectorCode: sectorCode ?? project.sectorCode,
            status: project.status,
            value: value ?? project.value,
            valueDate: valueDate ?? project.valueDate,
            lenders: lenders ?? project.lenders,
            startDate: startDate.map(\.newValue) ?? project.startDate,
            endDate: endDate.map(\.newValue) ?? project.endDate,
            location: location.map(\.newValue) ?? project.location,
            description: description.map(\.newValue) ?? project.description
        )
        return Project(content, version: project.version, createdAt: project.createdAt, updatedAt: project.updatedAt)
    }
}
