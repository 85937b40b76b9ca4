import Foundation

/// A stored project: its validated content plus the store's version and timestamps.
public struct Project: Hashable, Sendable, Identifiable {
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
    /// The optimistic-concurrency version, increased by the store on every change.
    public let version: Int
    /// When the project was first stored.
    public let createdAt: Date
    /// When the project was last changed.
    public let updatedAt: Date

    /// Combines validated content with the store's version and timestamps.
    public init(_ content: ValidatedProject, version: Int, createdAt: Date, updatedAt: Date) {
        self.code = content.code
        self.name = content.name
        self.sectorCode = content.sectorCode
        self.status = content.status
        self.value = content.value
        self.valueDate = content.valueDate
        self.lenders = content.lenders
        self.startDate = content.startDate
        self.endDate = content.endDate
        self.location = content.location
        self.description = content.description
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The project code.
    public var id: ProjectCode { code }

    /// The content without version and timestamps.
    public var content: ValidatedProject {
        ValidatedProject(
            unchecked: code, name: name, sectorCode: sectorCode, status: status,
            value: value, valueDate: valueDate, lenders: lenders,
            startDate: startDate, endDate: endDate, location: location, description: description
        )
    }

    /// The same project with `status`, after `ProjectStatus.validateTransition`; version and timestamps unchanged.
    public func changingStatus(to status: ProjectStatus, forced: Bool = false, note: String? = nil) throws(DomainError) -> Project {
        try ProjectStatus.validateTransition(from: self.status, to: status, forced: forced, note: note)
        let content = ValidatedProject(
            unchecked: code, name: name, sectorCode: sectorCode, status: status,
            value: value, valueDate: valueDate, lenders: lenders,
            startDate: startDate, endDate: endDate, location: location, description: description
        )
        return Project(content, version: version, createdAt: createdAt, updatedAt: updatedAt)
    }
}
