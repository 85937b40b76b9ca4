import Foundation
import Postgres
import PortfolioCore
@testable import PortfolioStore
import Testing
import TestSupport

/// A snapshot and today's report take every input from one view of the database. Each test
/// commits a change from a second connection at the store's pause point, right after the
/// inputs were read and before anything is computed or written, so the interleaving is forced.
@Suite("A rollup reads one view of the database")
struct RollupOneViewTests {
    static let today = LocalDate.today()

    static func add(_ c: Connection, _ code: String, value: String, currency: String = "USD", valueDate: String = "2024-02-01") throws {
        _ = try ProjectStore(c).add(
            try Fixtures.project(code, status: .ongoing, value: value, currency: currency, valueDate: valueDate,
                                 lenders: "Bank of China=70;ICBC=30"), actor: "t")
    }

    static func pending(_ c: Connection) throws -> Int {
        try c.query("SELECT count(*) FROM rollup_deltas WHERE snapshot_id IS NULL").scalar(Int.self)
    }

    @Test("a project added while a full recomputation is taken is folded into the next snapshot exactly once")
    func changeDuringRecomputation() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let today = RollupOneViewTests.today
                try RollupOneViewTests.add(c, "A", value: "100.00")
                _ = try RollupStore(c).take(trigger: .manual, asOf: today)
                try RollupDeltas.reset(c, reason: "recompute the next snapshot")
                let other = try Connection(configuration: db.configuration)
                defer { other.close() }
                var store = RollupStore(c)
                store.afterReadingInputs = { try RollupOneViewTests.add(other, "B", value: "50.00") }
                let first = try store.snapshot(try store.take(trigger: .manual, asOf: today))
                #expect(first.fullRecompute)
                #expect(first.rollup.total.minorUnits == 10_000, "the snapshot is of the view it read: B committed after it")
                #expect(try RollupOneViewTests.pending(c) == 1, "B's change waits for the next snapshot")
                let second = try RollupStore(c).snapshot(try RollupStore(c).take(trigger: .manual, asOf: today))
                #expect(second.rollup.total.minorUnits == 15_000, "B counted once")
                #expect(second.rollup == (try RollupStore(c).recomputed(asOf: today)))
                #expect(try RollupOneViewTests.pending(c) == 0)
            }
        }
    }

    @Test("an FX change committed while a snapshot is taken is recomputed into the next snapshot")
    func ratesChangeDuringTake() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let today = RollupOneViewTests.today
                @Sendable func rate(_ text: String) throws -> FXRate {
                    try FXRate(currency: .cny, quote: .usd, date: try LocalDate.parse("2024-01-01"), rate: try ExactDecimal.parse(text))
                }
                try FXStore(c).set(try rate("0.13"), actor: "t")
                try RollupOneViewTests.add(c, "Y", value: "1000000.00", currency: "CNY")
                _ = try RollupStore(c).take(trigger: .manual, asOf: today)
                let other = try Connection(configuration: db.configuration)
                defer { other.close() }
                var store = RollupStore(c)
                store.afterReadingInputs = { try FXStore(other).set(try rate("0.14"), actor: "t") }
                let first = try store.snapshot(try store.take(trigger: .manual, asOf: today))
                #expect(first.rollup.total.minorUnits == 13_000_000, "the rates and changes the snapshot read are from before the FX change")
                #expect(try RollupOneViewTests.pending(c) == 1, "the FX change's reset waits for the next snapshot")
                let second = try RollupStore(c).snapshot(try RollupStore(c).take(trigger: .manual, asOf: today))
                #expect(second.fullRecompute)
                #expect(second.rollup.total.minorUnits == 14_000_000)
                #expect(second.rollup == (try RollupStore(c).recomputed(asOf: today)))
            }
        }
    }

    @Test("today's report is one view when a snapshot folding its pending changes commits while it reads")
    func reportWhileSnapshotCommits() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let today = RollupOneViewTests.today
                try RollupOneViewTests.add(c, "A", value: "100.00")
                _ = try RollupStore(c).take(trigger: .manual, asOf: today)
                try RollupOneViewTests.add(c, "B", value: "50.00")
                let other = try Connection(configuration: db.configuration)
                defer { other.close() }
                var store = RollupStore(c)
                store.afterReadingInputs = { _ = try RollupStore(other).take(trigger: .change, asOf: today) }
                let report = try store.current(asOf: today)
                #expect(try RollupOneViewTests.pending(c) == 0, "the snapshot committed while the report was read")
                #expect(report.total.minorUnits == 15_000, "B counted once")
                #expect(report == (try RollupStore(c).recomputed(asOf: today)))
            }
        }
    }
}

/// The snapshot's view starts once the rollup lock is granted: a snapshot that commits while
/// another waits for the lock is seen by the waiting one, with the changes it folded.
@Suite("A rollup's view starts after its lock")
struct RollupLockOrderTests {
    @Test("a snapshot waiting for the lock folds only what the snapshot holding it left")
    func waitsThenSeesTheOther() async throws {
        try await TestDatabase.with { db in
            let today = RollupOneViewTests.today
            try await db.run { c in
                try RollupOneViewTests.add(c, "A", value: "100.00")
                _ = try RollupStore(c).take(trigger: .manual, asOf: today)
                try RollupOneViewTests.add(c, "B", value: "50.00")
            }
            let holder = try await Blocking.run { try Connection(configuration: db.configuration) }
            _ = try await Blocking.run { try holder.query("SELECT pg_advisory_lock($1)", RollupStore.lockKey) }
            let waiting = Task { try await db.run { c in try RollupStore(c).snapshot(try RollupStore(c).take(trigger: .manual, asOf: today)) } }
            // Until the take waits for the lock (polled, not timed: the loop ends on the lock's state).
            var polls = 0
            while try await db.run({ c in
                try c.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").scalar(Int.self)
            }) == 0 {
                polls += 1
                try #require(polls < 2_000, "the take never waited for the rollup lock")
                try await Task.sleep(for: .milliseconds(10))
            }
            let held = try await Blocking.run { () -> RollupStore.Snapshot in
                // The same session may take the lock again: this snapshot folds B, then C is added.
                let store = RollupStore(holder)
                let snapshot = try store.snapshot(try store.take(trigger: .manual, asOf: today))
                try RollupOneViewTests.add(holder, "C", value: "25.00")
                try holder.query("SELECT pg_advisory_unlock($1)", RollupStore.lockKey)
                return snapshot
            }
            let taken = try await waiting.value
            holder.close()
            #expect(held.deltasApplied == 1 && held.rollup.total.minorUnits == 15_000)
            #expect(taken.deltasApplied == 1, "only C is left for the snapshot that waited")
            #expect(taken.rollup.total.minorUnits == 17_500)
            let recomputed = try await db.run { c in try RollupStore(c).recomputed(asOf: today) }
            #expect(taken.rollup == recomputed)
        }
    }

    @Test("a snapshot is refused inside a REPEATABLE READ transaction, whose view may predate the lock")
    func refusedInRepeatableRead() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try RollupOneViewTests.add(c, "A", value: "100.00")
                #expect(throws: PostgresError.self) {
                    try c.transaction(isolation: .repeatableRead) { c in
                        try RollupStore(c).take(trigger: .manual, asOf: RollupOneViewTests.today)
                    }
                }
                #expect(try c.query("SELECT count(*) FROM rollup_snapshots").scalar(Int.self) == 0)
            }
        }
    }
}
