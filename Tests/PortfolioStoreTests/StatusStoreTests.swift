import Postgres
import PortfolioCore
import PortfolioStore
import Testing
import TestSupport

@Suite("Status store")
struct StatusStoreTests {
    static let today = "2026-06-01"

    func request(_ code: String, _ status: ProjectStatus, _ effective: String, forced: Bool = false, note: String? = nil, key: String? = nil) throws -> StatusChangeRequest {
        StatusChangeRequest(code: code, status: status, effective: try Fixtures.date(effective), note: note, forced: forced, actor: "tester", key: key)
    }

    @Test("a change today is applied, recorded and audited")
    func applyNow() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P", status: .committed), actor: "a")
                let outcome = try StatusStore(c).set(try request("P", .ongoing, "2026-05-01"), today: try Fixtures.date(Self.today))
                guard case .applied(let entry) = outcome else { Issue.record("not applied: \(outcome)"); return }
                #expect(entry.from == .committed)
                #expect(entry.to == .ongoing)
                let project = try ProjectStore(c).require("P")
                #expect(project.status == .ongoing)
                #expect(project.version == 2)
                #expect(try AuditLog.entries(c, entity: "project", key: "P").map(\.action) == ["project.add", "status.set"])
            }
        }
    }

    @Test("refused transitions name the allowed next states and write nothing")
    func refused() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P", status: .pledged), actor: "a")
                let error = try #require(throws: DomainError.self) {
                    try StatusStore(c).set(try request("P", .finished, "2026-05-01"), today: try Fixtures.date(Self.today))
                }
                #expect(error.message.contains("committed, cancelled"))
                #expect(try StatusStore(c).history("P").count == 1)
                #expect(try ProjectStore(c).require("P").version == 1)
            }
        }
    }

    @Test("terminal states move only when forced with a note")
    func forced() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P", status: .finished), actor: "a")
                let store = StatusStore(c)
                let today = try Fixtures.date(Self.today)
                #expect(throws: DomainError.self) { try store.set(try request("P", .ongoing, Self.today), today: today) }
                #expect(throws: DomainError.self) { try store.set(try request("P", .ongoing, Self.today, forced: true), today: today) }
                let outcome = try store.set(try request("P", .ongoing, Self.today, forced: true, note: "finished by mistake"), today: today)
                guard case .applied(let entry) = outcome else { Issue.record("not applied"); return }
                #expect(entry.forced)
                #expect(try AuditLog.entries(c, entity: "project", key: "P").last?.action == "status.force")
            }
        }
    }

    @Test("an effective date before the last change is refused")
    func outOfOrder() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P", status: .committed, valueDate: "2024-01-10"), actor: "a")
                let error = try #require(throws: StoreError.self) {
                    try StatusStore(c).set(try request("P", .ongoing, "2023-12-31"), today: try Fixtures.date(Self.today))
                }
                #expect(error.description.contains("2024-01-10"))
            }
        }
    }

    @Test("a future change is scheduled as a job, once per key, and shown as pending")
    func scheduled() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P", status: .committed), actor: "a")
                let store = StatusStore(c)
                let today = try Fixtures.date(Self.today)
                let outcome = try store.set(try request("P", .ongoing, "2027-01-15", key: "k1"), today: today)
                guard case .scheduled(_, let effective) = outcome else { Issue.record("not scheduled: \(outcome)"); return }
                #expect(effective.description == "2027-01-15")
                #expect(try ProjectStore(c).require("P").status == .committed)
                let pending = try store.pending("P")
                #expect(pending.map(\.request.status) == [.ongoing])
                #expect(try c.query("SELECT run_at::date::text FROM jobs WHERE kind = 'status.apply'").scalar(String.self) == "2027-01-15")
                // The same key again adds nothing.
                let again = try store.set(try request("P", .ongoing, "2027-01-15", key: "k1"), today: today)
                #expect(again == .duplicate(key: "k1"))
                #expect(try store.pending("P").count == 1)
                // A later change validates from the scheduled status; an earlier one is refused.
                _ = try store.set(try request("P", .finished, "2028-01-01"), today: today)
                #expect(throws: StoreError.self) { try store.set(try request("P", .suspended, "2027-06-01"), today: today) }
                #expect(throws: DomainError.self) { try store.set(try request("P", .committed, "2029-01-01"), today: today) }
            }
        }
    }

    @Test("applying the same keyed change twice records it once")
    func idempotentApply() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P", status: .committed), actor: "a")
                let store = StatusStore(c)
                let first = try store.apply(try request("P", .ongoing, "2026-05-01", key: "import-1"))
                let second = try store.apply(try request("P", .ongoing, "2026-05-01", key: "import-1"))
                if case .applied = first {} else { Issue.record("first not applied") }
                #expect(second == .duplicate(key: "import-1"))
                #expect(try store.history("P").count == 2)
            }
        }
    }

    @Test("a due scheduled change blocks a direct change until the worker applies it")
    func dueScheduledBlocks() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P", status: .committed), actor: "a")
                let store = StatusStore(c)
                _ = try store.set(try request("P", .ongoing, "2026-07-01"), today: try Fixtures.date(Self.today))
                let error = try #require(throws: StoreError.self) {
                    try store.set(try request("P", .suspended, "2026-07-02"), today: try Fixtures.date("2026-07-02"))
                }
                #expect(error.description.contains("run the worker"))
            }
        }
    }

    @Test("a change dated after the database's date is never applied, whatever the caller's clock says")
    func neverBeforeItsDate() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P", status: .committed), actor: "a")
                let store = StatusStore(c)
                let tomorrow = try LocalDate.today().adding(days: 1)
                let before = try DatabaseFingerprint.capture(c)
                // The worker's path: refused, nothing written.
                let error = try #require(throws: ChangeNotYetEffective.self) {
                    try store.apply(try request("P", .ongoing, tomorrow.description, key: "early"), jobID: 1)
                }
                #expect(error.effective == tomorrow)
                #expect(try DatabaseFingerprint.capture(c) == before)
                // A caller whose clock is a day ahead: scheduled for its date, not applied.
                let outcome = try store.set(try request("P", .ongoing, tomorrow.description), today: tomorrow)
                guard case .scheduled(_, let effective) = outcome else { Issue.record("not scheduled: \(outcome)"); return }
                #expect(effective == tomorrow)
                #expect(try store.history("P").count == 1)
                #expect(try ProjectStore(c).require("P").status == .committed)
                // Today's change applies as before.
                let now = try store.apply(try request("P", .suspended, LocalDate.today().description))
                if case .applied = now {} else { Issue.record("today's change not applied: \(now)") }
            }
        }
    }
}
