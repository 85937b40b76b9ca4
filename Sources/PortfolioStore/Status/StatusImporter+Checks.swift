import Postgres
import PortfolioCore

extension StatusImporter {
    /// What the store can tell of a file's rows before they are queued.
    struct Checked {
        /// The rows to queue, in file order.
        var accepted: [Row] = []
        /// Rows whose key was applied or queued before: skipped.
        var seenBefore = 0
        /// `(line, message)` for every row the worker would refuse.
        var problems: [(Int, String)] = []
    }

    /// Where a project's status comes from, for messages.
    private enum Origin {
        case database
        case scheduled(jobID: Int, effective: LocalDate)
        case line(Int)

        var text: String {
            switch self {
            case .database: "now"
            case .scheduled(let jobID, let effective): "after its change scheduled for \(effective) (job \(jobID))"
            case .line(let line): "after line \(line)"
            }
        }
    }

    /// A project as the file's rows find it: its status now, or after the changes already
    /// scheduled for it, and the date no new change may precede.
    private struct ProjectState {
        var status: ProjectStatus
        var origin: Origin
        /// The last recorded change's effective date.
        var lastRecorded: LocalDate?
        /// The latest change already scheduled (or running), if any.
        var lastScheduled: ScheduledStatusChange?
    }

    /// Follows each project's rows in effective-date order (the order the worker applies them
    /// in, file order for one date) from its status in the database, after the changes already
    /// waiting for it, and reports every row whose change would be refused. Reads in the
    /// caller's transaction, in three queries whatever the number of rows.
    func check(_ rows: [Row]) throws -> Checked {
        var checked = Checked()
        guard !rows.isEmpty else { return checked }
        let codes = Array(Set(rows.map(\.request.code)))
        var states: [String: ProjectState] = [:]
        for row in try connection.run(ProjectStatusStates(codes: codes)) {
            let code = try row.decode(String.self, "code")
            let text = try row.decode(String.self, "status")
            guard let status = ProjectStatus(rawValue: text) else {
                throw PostgresError(.decoding, "project \(code) has unknown status \(text)")
            }
            states[code] = ProjectState(status: status, origin: .database, lastRecorded: try row.optionalLocalDate("last"))
        }
        var waitingKeys = Set<String>()
        for change in try StatusStore(connection).pending(codes: codes) {
            if let key = change.request.key { waitingKeys.insert(key) }
            guard var state = states[change.request.code] else { continue }
            state.status = change.request.status
            state.origin = .scheduled(jobID: change.jobID, effective: change.request.effective)
            state.lastScheduled = change
            states[change.request.code] = state
        }
        let keys = rows.compactMap(\.request.key)
        let applied = Set(try connection.run(AppliedRequestKeys(keys: keys)))

        var acceptedLines = Set<Int>()
        let ordered = rows.sorted { ($0.request.effective, $0.line) < ($1.request.effective, $1.line) }
        for row in ordered {
            let request = row.request
            guard var state = states[request.code] else {
                checked.problems.append((row.line, "code: no project with code \(request.code.quotedForMessage)"))
                continue
            }
            if let key = request.key, applied.contains(key) || waitingKeys.contains(key) {
                checked.seenBefore += 1
                continue
            }
            if let scheduled = state.lastScheduled, request.effective < scheduled.request.effective {
                checked.problems.append((row.line, "effective_date: \(request.effective) is before the change of \(request.code) to \(scheduled.request.status) already scheduled for \(scheduled.request.effective); cancel that first (portfolio jobs cancel \(scheduled.jobID))"))
                continue
            }
            if let last = state.lastRecorded, request.effective < last {
                checked.problems.append((row.line, "effective_date: \(request.effective) is before the last recorded change of \(request.code) on \(last); history is kept in date order"))
                continue
            }
            do {
                try ProjectStatus.validateTransition(from: state.status, to: request.status, forced: false, note: request.note)
            } catch {
                checked.problems.append((row.line, "status: \(error.message) (\(request.code) is \(state.status) \(state.origin.text))"))
                continue
            }
            state.status = request.status
            state.origin = .line(row.line)
            states[request.code] = state
            acceptedLines.insert(row.line)
        }
        checked.accepted = rows.filter { acceptedLines.contains($0.line) }
        return checked
    }
}
