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
