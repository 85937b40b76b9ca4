import Postgres
import PortfolioCore
import PortfolioStore
import Testing
import TestSupport

/// `status import` is all or nothing: a row the worker would refuse, or one whose key repeats,
/// is a bad row of the file, and nothing is queued.
@Suite("Status import")
struct StatusImporterTests {
    static let header = "code,status,effective_date,note,key\n"

    /// Adds projects P (committed), Q (pledged) and F (finished), each with its entry of 2024-01-10.
    static func addProjects(_ c: Connection) throws {
        _ = try ProjectStore(c).add(try Fixtures.project("P", status: .committed), actor: "t")
        _ = try ProjectStore(c).add(try Fixtures.project("Q", status: .pledged), actor: "t")
        _ = try ProjectStore(c).add(try Fixtures.project("F", status: .finished), actor: "t")
    }

    /// Runs an import that must fail; returns its problems after checking nothing was written.
    static func refused(_ c: Connection, _ body: String) throws -> [String] {
        let path = try Fixtures.file(header + body)
        let before = try DatabaseFingerprint.capture(c)
        let failure = try #require(throws: ImportFailure.self) { try StatusImporter(c).importFile(path: path, actor: "t") }
        #expect(try DatabaseFingerprint.capture(c) == before)
        return failure.problems.map { $0.replacingOccurrences(of: path, with: "FILE") }
    }

    @Test("two rows with one key are both reported, not silently merged")
    func duplicateKeys() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try Self.addProjects(c)
                let problems = try Self.refused(c, """
                    P,ongoing,2025-01-01,,k1
                    Q,committed,2025-01-01,,k2
                    P,suspended,2025-02-01,,k1
                    Q,cancelled,2025-03-01,,k2

                    """)
                #expect(problems == [
                    "FILE:4: key: \"k1\" appears again (first on line 2)",
                    "FILE:5: key: \"k2\" appears again (first on line 3)",
                ])
            }
        }
    }

    @Test("a transition the status machine forbids after the earlier rows is a bad row")
    func forbiddenAfterEarlierRows() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try Self.addProjects(c)
                let problems = try Self.refused(c, """
                    P,ongoing,2025-01-01,,
                    P,finished,2025-02-01,,
                    P,ongoing,2025-03-01,,
                    Q,ongoing,2025-01-01,,
                    F,ongoing,2025-01-01,,
                    P,finished,2025-04-01,,

                    """)
                #expect(problems == [
                    "FILE:4: status: finished is terminal; use --force with a note to correct it (P is finished after line 3)",
                    "FILE:5: status: cannot move from pledged to ongoing; allowed next: committed, cancelled (Q is pledged now)",
                    "FILE:6: status: finished is terminal; use --force with a note to correct it (F is finished now)",
                    "FILE:7: status: already finished (P is finished after line 3)",
                ])
            }
        }
    }

    @Test("rows are followed in effective-date order, not file order")
    func dateOrder() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try Self.addProjects(c)
                // Q: cancelled on 2025-01-01 comes first, so committing it on 2025-03-01 is refused.
                let problems = try Self.refused(c, """
                    Q,committed,2025-03-01,,
                    Q,cancelled,2025-01-01,,

                    """)
                #expect(problems == ["FILE:2: status: cancelled is terminal; use --force with a note to correct it (Q is cancelled after line 3)"])
                // P: finished in February after ongoing in January is a valid walk, written backwards.
                let path = try Fixtures.file(Self.header + "P,finished,2025-02-01,,\nP,ongoing,2025-01-01,,\n")
                let report = try StatusImporter(c).importFile(path: path, actor: "t")
                #expect(report == StatusImporter.Report(queued: 2, duplicates: 0))
            }
        }
    }

    @Test("a date before the project's last change, an unknown project and repeated identical rows are bad rows")
    func datesAndCodes() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try Self.addProjects(c)
                let problems = try Self.refused(c, """
                    P,ongoing,2024-01-09,,
                    NOPE,ongoing,2025-01-01,,
                    Q,committed,2025-01-01,,
                    Q,committed,2025-01-01,,
                    P,ongoing,2024-01-10,,

                    """)
                #expect(problems == [
                    "FILE:2: effective_date: 2024-01-09 is before the last recorded change of P on 2024-01-10; history is kept in date order",
                    "FILE:3: code: no project with code \"NOPE\"",
                    "FILE:5: status: already committed (Q is committed after line 4)",
                ])
            }
        }
    }

    @Test("a row dated before a change already scheduled for the project is refused; one after it follows from it")
    func afterScheduled() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try Self.addProjects(c)
                let outcome = try StatusStore(c).set(
                    StatusChangeRequest(code: "P", status: .ongoing, effective: try Fixtures.date("2099-01-01"), actor: "t"),
                    today: LocalDate.today())
                guard case .scheduled(let jobID, _) = outcome else { Issue.record("not scheduled: \(outcome)"); return }
                let problems = try Self.refused(c, """
                    P,suspended,2098-01-01,,
                    P,ongoing,2099-02-01,,

                    """)
                #expect(problems == [
                    "FILE:2: effective_date: 2098-01-01 is before the change of P to ongoing already scheduled for 2099-01-01; cancel that first (portfolio jobs cancel \(jobID))",
                    "FILE:3: status: already ongoing (P is ongoing after its change scheduled for 2099-01-01 (job \(jobID)))",
                ])
                let path = try Fixtures.file(Self.header + "P,finished,2099-01-01,,\n")
                #expect(try StatusImporter(c).importFile(path: path, actor: "t").queued == 1)
            }
        }
    }

    @Test("keys seen before are skipped and counted; a valid file queues every row once")
    func countsAndSeen() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try Self.addProjects(c)
                let path = try Fixtures.file(Self.header + """
                    P,ongoing,2025-01-01,,a
                    P,suspended,2025-02-01,,b
                    Q,committed,2025-01-01,,c
                    P,ongoing,2025-03-01,back to work,

                    """)
                #expect(try StatusImporter(c).importFile(path: path, actor: "t") == StatusImporter.Report(queued: 4, duplicates: 0))
                #expect(try c.query("SELECT count(*) FROM jobs WHERE kind = 'status.apply' AND state = 'available'").scalar(Int.self) == 4)
                // A key seen before is skipped; a new row follows from the changes already waiting.
                let mixed = try Fixtures.file(Self.header + "P,ongoing,2025-01-01,,a\nP,finished,2025-03-02,,\n")
                #expect(try StatusImporter(c).importFile(path: mixed, actor: "t") == StatusImporter.Report(queued: 1, duplicates: 1))
                // A file of keys seen before only: nothing new, all counted.
                let seen = try Fixtures.file(Self.header + "P,ongoing,2025-01-01,,a\nQ,committed,2025-01-01,,c\n")
                #expect(try StatusImporter(c).importFile(path: seen, actor: "t") == StatusImporter.Report(queued: 0, duplicates: 2))
                // Applied keys count as seen too.
                try c.query("UPDATE jobs SET state = 'cancelled', finished_at = now() WHERE kind = 'status.apply'")
                _ = try StatusStore(c).apply(StatusChangeRequest(code: "Q", status: .committed, effective: try Fixtures.date("2025-01-01"), actor: "t", key: "c"))
                #expect(try StatusImporter(c).importFile(path: seen, actor: "t") == StatusImporter.Report(queued: 1, duplicates: 1))
            }
        }
    }
}
