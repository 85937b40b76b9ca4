extension ProjectStatus {
    /// The statuses a project may move to without forcing, in a fixed order.
    ///
    /// A pledge is either committed or cancelled; it cannot be suspended, since nothing has
    /// started that could pause. `finished` and `cancelled` are terminal.
    public var allowedNext: [ProjectStatus] {
        switch self {
        case .pledged: [.committed, .cancelled]
        case .committed: [.ongoing, .suspended, .cancelled]
        case .ongoing: [.finished, .suspended, .cancelled]
        case .suspended: [.committed, .ongoing, .cancelled]
        case .finished, .cancelled: []
        }
    }

    /// Whether no unforced transition leaves this status.
    public var isTerminal: Bool {
        allowedNext.isEmpty
    }

    /// Checks a status change.
    ///
    /// A change to the same status is refused, forced or not. A forced change may go from any
    /// status to any other but needs a non-blank `note`. An unforced change must be in
    /// `from.allowedNext`. Errors name the field `status`.
    public static func validateTransition(
        from: ProjectStatus, to: ProjectStatus, forced: Bool = false, note: String? = nil
    ) throws(DomainError) {
        if from == to {
            throw DomainError("already \(to)", field: "status")
        }
        if forced {
            if TextRules.trimmed(note ?? "").isEmpty {
                throw DomainError("a forced status change needs a note saying why", field: "status")
            }
            return
        }
        if from.isTerminal {
            throw DomainError("\(from) is terminal; use --force with a note to correct it", field: "status")
        }
        if !from.allowedNext.contains(to) {
            let allowed = from.allowedNext.map(\.rawValue).joined(separator: ", ")
            throw DomainError("cannot move from \(from) to \(to); allowed next: \(allowed)", field: "status")
        }
    }
}
