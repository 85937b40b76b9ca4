/// One project's facts as a rollup needs them: code, sector, status, value, value date and lenders.
public struct RollupInput: Hashable, Sendable {
    /// The project code.
    public let code: ProjectCode
    /// The sector code, lower case, such as `energy`.
    public let sectorCode: String
    /// The project's status.
    public let status: ProjectStatus
    /// The project's value in its own currency, not negative.
    public let value: Money
    /// The date the value was stated; it converts at the latest rate on or before this date.
    public let valueDate: LocalDate
    /// The financing lenders, at least one, with shares adding up to 10000 basis points.
    public let lenders: [LenderShare]

    /// Validates and creates an input: a well-formed sector code, a value not negative, valid lender shares.
    public init(
        code: ProjectCode, sectorCode: String, status: ProjectStatus,
        value: Money, valueDate: LocalDate, lenders: [LenderShare]
    ) throws(DomainError) {
        let sector: String
        do {
            sector = try Sector.validateCode(sectorCode)
        } catch {
            throw DomainError("project \(code): \(error.message)", field: error.field)
        }
        if value.isNegative {
            throw DomainError("project \(code): value \(value) must not be negative", field: "value")
        }
        do {
            try LenderShare.validate(lenders)
        } catch {
            throw DomainError("project \(code): \(error.message)", field: error.field)
        }
        self.init(
            unchecked: code, sectorCode: sector, status: status, value: value, valueDate: valueDate, lenders: lenders
        )
    }

    /// The facts of a validated project.
    public init(_ content: ValidatedProject) {
        self.init(
            unchecked: content.code, sectorCode: content.sectorCode, status: content.status,
            value: content.value, valueDate: content.valueDate, lenders: content.lenders
        )
    }

    /// The facts of a stored project.
    public init(_ project: Project) {
        self.init(project.content)
    }

    private init(
        unchecked code: ProjectCode, sectorCode: String, status: ProjectStatus,
        value: Money, valueDate: LocalDate, lenders: [LenderShare]
    ) {
        self.code = code
        self.sectorCode = sectorCode
        self.status = status
        self.value = value
        self.valueDate = valueDate
        self.lenders = lenders
    }
}
