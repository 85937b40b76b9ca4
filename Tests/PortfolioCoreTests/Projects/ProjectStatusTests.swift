import PortfolioCore
import Testing

@Suite("Project status")
struct ProjectStatusTests {
    /// The transition table from the design, written out independently of the implementation.
    static let allowed: [ProjectStatus: [ProjectStatus]] = [
        .pledged: [.committed, .cancelled],
        .committed: [.ongoing, .suspended, .cancelled],
        .ongoing: [.finished, .suspended, .cancelled],
        .suspended: [.committed, .ongoing, .cancelled],
        .finished: [],
        .cancelled: [],
    ]

    @Test("unforced transitions, every pair", arguments: ProjectStatus.allCases, ProjectStatus.allCases)
    func unforced(from: ProjectStatus, to: ProjectStatus) {
        let error = domainError { () throws(DomainError) in
            try ProjectStatus.validateTransition(from: from, to: to)
        }
        let next = Self.allowed[from] ?? []
        if from == to {
            #expect(error == DomainError("already \(to)", field: "status"))
        } else if next.contains(to) {
            #expect(error == nil)
        } else if next.isEmpty {
            #expect(error?.description == "status: \(from) is terminal; use --force with a note to correct it")
        } else {
            let list = next.map(\.rawValue).joined(separator: ", ")
            #expect(error?.description == "status: cannot move from \(from) to \(to); allowed next: \(list)")
        }
    }

    @Test("forced transitions, every pair", arguments: ProjectStatus.allCases, ProjectStatus.allCases)
    func forced(from: ProjectStatus, to: ProjectStatus) {
        let withNote = domainError { () throws(DomainError) in
            try ProjectStatus.validateTransition(from: from, to: to, forced: true, note: "data entry error")
        }
        let withoutNote = domainError { () throws(DomainError) in
            try ProjectStatus.validateTransition(from: from, to: to, forced: true)
        }
        let blankNote = domainError { () throws(DomainError) in
            try ProjectStatus.validateTransition(from: from, to: to, forced: true, note: "  \n")
        }
        if from == to {
            #expect(withNote?.message == "already \(to)")
            #expect(withoutNote?.message == "already \(to)")
        } else {
            #expect(withNote == nil)
            #expect(withoutNote?.message == "a forced status change needs a note saying why")
            #expect(blankNote?.message == "a forced status change needs a note saying why")
        }
    }

    @Test func exampleMessages() {
        #expect(domainError { () throws(DomainError) in
            try ProjectStatus.validateTransition(from: .pledged, to: .finished)
        }?.message == "cannot move from pledged to finished; allowed next: committed, cancelled")
        #expect(domainError { () throws(DomainError) in
            try ProjectStatus.validateTransition(from: .finished, to: .ongoing)
        }?.message == "finished is terminal; use --force with a note to correct it")
    }

    @Test("allowed next and terminal states", arguments: ProjectStatus.allCases)
    func allowedNext(status: ProjectStatus) {
        #expect(status.allowedNext == Self.allowed[status])
        #expect(status.isTerminal == (status == .finished || status == .cancelled))
    }

    @Test("categories", arguments: [
        (ProjectStatus.pledged, StatusCategory.pipeline, false, true),
        (.committed, .counted, true, false),
        (.ongoing, .counted, true, false),
        (.finished, .counted, true, false),
        (.suspended, .suspended, false, false),
        (.cancelled, .cancelled, false, false),
    ])
    func categories(status: ProjectStatus, category: StatusCategory, counts: Bool, pipeline: Bool) {
        #expect(status.category == category)
        #expect(status.countsTowardTarget == counts)
        #expect(status.isPipeline == pipeline)
    }

    @Test("parsing ignores case", arguments: [("Ongoing", ProjectStatus.ongoing), (" PLEDGED ", .pledged), ("cancelled", .cancelled)])
    func parses(text: String, status: ProjectStatus) throws {
        #expect(try ProjectStatus.parse(text) == status)
    }

    @Test func parseRefusalListsStatuses() {
        #expect(domainError { () throws(DomainError) in try ProjectStatus.parse("done") }?.message
            == "\"done\" is not a status; use one of: pledged, committed, ongoing, finished, suspended, cancelled")
    }

    @Test func rawValuesAreLowercase() {
        #expect(ProjectStatus.allCases.map(\.rawValue)
            == ["pledged", "committed", "ongoing", "finished", "suspended", "cancelled"])
    }
}
