import PortfolioCore

/// A requested status change: applied now when its effective date has come, scheduled for
/// the worker otherwise.
public struct StatusChangeRequest: Sendable, Hashable, Codable {
    public var code: String
    public var status: ProjectStatus
    public var effective: LocalDate
    public var note: String?
    public var forced: Bool
    public var actor: String
    /// An idempotency key: a change with a key that was seen before is not applied again.
    public var key: String?

    public init(code: String, status: ProjectStatus, effective: LocalDate, note: String? = nil,
                forced: Bool = false, actor: String, key: String? = nil) {
        self.code = code
        self.status = status
        self.effective = effective
        self.note = note
        self.forced = forced
        self.actor = actor
        self.key = key
    }
}

/// What became of a status change request.
public enum StatusOutcome: Sendable, Equatable {
    /// Applied now; the new history entry.
    case applied(StatusHistoryEntry)
    /// Stored for the worker to apply on its effective date.
    case scheduled(jobID: Int, effective: LocalDate)
    /// A change with the same key was applied or scheduled before; nothing was done.
    case duplicate(key: String)
}

/// One entry of a project's append-only status history.
public struct StatusHistoryEntry: Sendable, Hashable, Codable {
    public let id: Int
    public let from: ProjectStatus?
    public let to: ProjectStatus
    public let effective: LocalDate
    public let recordedAt: String
    public let note: String?
    public let forced: Bool
    public let actor: String
    public let key: String?
}

/// A change waiting for its effective date.
public struct ScheduledStatusChange: Sendable, Hashable, Codable {
    public let jobID: Int
    public let state: String
    public let request: StatusChangeRequest
    public let lastError: String?
}
