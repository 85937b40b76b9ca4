import Foundation

/// A stored project: its validated content plus the store's version and timestamps.
///
/// The content's fields read as the project's own (`project.code`, `project.value`, ...).
@dynamicMemberLookup
public struct Project: Hashable, Sendable, Identifiable {
    /// The content without version and timestamps.
    public let content: ValidatedProject
    /// The optimistic-concurrency version, increased by the store on every change.
    public let version: Int
    /// When the project was first stored.
    public let createdAt: Date
    /// When the project was last changed.
    public let updatedAt: Date

    /// Combines validated content with the store's version and timestamps.
    public init(_ content: ValidatedProject, version: Int, createdAt: Date, updatedAt: Date) {
        self.content = content
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// A field of the content.
    public subscript<Value>(dynamicMember field: KeyPath<ValidatedProject, Value>) -> Value {
        content[keyPath: field]
    }

    /// The project code.
    public var id: ProjectCode { content.code }

    /// The same project with `status`, after `ProjectStatus.validateTransition`; version and timestamps unchanged.
    public func changingStatus(to status: ProjectStatus, forced: Bool = false, note: String? = nil) throws(DomainError) -> Project {
        try ProjectStatus.validateTransition(from: content.status, to: status, forced: forced, note: note)
        return Project(content.with(status: status), version: version, createdAt: createdAt, updatedAt: updatedAt)
    }
}
