import Foundation
import Postgres
import PortfolioCore
import PortfolioStore
import Testing
import TestSupport

@Suite("Rollup snapshots")
struct RollupStoreTests {
    static let today = LocalDate.today()

    static func add(_ c: Connection, _ code: String, status: ProjectStatus, value: String, sector: String = "energy",
                    currency: String = "USD", valueDate: String = "2020-01-01", lenders: String = "Bank of China=70;ICBC=30") throws {
        _ = try ProjectStore(c).add(try Fixtures.project(code, sector: sector, status: status, value: value, currency: currency,
                                                         valueDate: valueDate, lenders: lenders), actor: "t")
    }

    @Test("a snapshot folds in the changes since the last one and equals a full recomputation")
    func incremental() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try RollupStoreTests.add(c, "A", status: .ongoing, value: "1000000.01")
                try RollupStoreTests.add(c, "B", status: .pledged, value: "2500000.00", sector: "logistics", lenders: "Bank of China")
                let first = try RollupStore(c).take(trigger: .change, asOf: RollupStoreTests.today)
                #expect(try RollupStore(c).snapshot(first).fullRecompute)
                // Changes after the first snapshot.
                try RollupStoreTests.add(c, "C", status: .committed, value: "333.33", sector: "other", lenders: "Bank of China=33.34;ICBC=33.33;CDB=33.33")
                _ = try StatusStore(c).set(StatusChangeRequest(code: "B", status: .committed, effective: RollupStoreTests.today, actor: "t"), today: RollupStoreTests.today)
                var patch = ProjectPatch()
                patch.value = Money(minorUnits: 123_456_789, currency: .usd)
                patch.lenders = [try LenderShare(lender: "ICBC", basisPoints: 5000), try LenderShare(lender: "CDB", basisPoints: 5000)]
                _ = try ProjectStore(c).update("A", patch, expectedVersion: nil, actor: "t", today: RollupStoreTests.today)
                let second = try RollupStore(c).take(trigger: .change, asOf: RollupStoreTests.today)
                let snapshot = try RollupStore(c).snapshot(second)
                #expect(snapshot.fullRecompute == false)
                #expect(snapshot.deltasApplied == 3)
                let full = try RollupCalculator.compute(
                    inputs: try ProjectStore(c).list().map(RollupInput.init), fx: FXTable(), currency: .usd, target: .default, asOf: RollupStoreTests.today)
                #expect(snapshot.rollup == full)
                #expect(snapshot.rollup.total.minorUnits == 123_456_789 + 250_000_000 + 33_333)
                #expect(snapshot.rollup.byLender.reduce(Int128(0)) { $0 + $1.value.minorUnits } == snapshot.rollup.total.minorUnits)
                // Nothing changed: the next snapshot applies no changes and is the same.
                let third = try RollupStore(c).take(trigger: .manual, asOf: RollupStoreTests.today)
                #expect(try RollupStore(c).snapshot(third).deltasApplied == 0)
                #expect(try RollupStore(c).snapshot(third).rollup == full)
                #expect(try RollupStore(c).diff(second, third).isEmpty)
                let moved = try RollupStore(c).diff(first, second)
                #expect(moved.isEmpty == false)
            }
        }
    }

    @Test("FX changes and imports recompute from the projects")
    func resets() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                func rate(_ text: String) throws -> FXRate {
                    try FXRate(currency: .cny, quote: .usd, date: try LocalDate.parse("2024-01-01"), rate: try ExactDecimal.parse(text))
                }
                try FXStore(c).set(try rate("0.13"), actor: "t")
                try RollupStoreTests.add(c, "Y", status: .ongoing, value: "1000000.00", currency: "CNY", valueDate: "2024-02-01")
                let before = try RollupStore(c).take(trigger: .change, asOf: RollupStoreTests.today)
                #expect(try RollupStore(c).snapshot(before).rollup.total.minorUnits == 13_000_000)
                try FXStore(c).set(try rate("0.14"), actor: "t")
                let id = try RollupStore(c).take(trigger: .change, asOf: RollupStoreTests.today)
                let snapshot = try RollupStore(c).snapshot(id)
                #expect(snapshot.fullRecompute)
                #expect(snapshot.rollup.total.minorUnits == 14_000_000)
            }
        }
    }

    @Test("as-of a date rebuilds the portfolio from its history, before and after a status change")
    func asOf() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try RollupStoreTests.add(c, "P", status: .committed, value: "500.00", valueDate: "2021-01-01")
                try RollupStoreTests.add(c, "Q", status: .ongoing, value: "100.00", valueDate: "2023-06-01")
                _ = try StatusStore(c).set(StatusChangeRequest(code: "P", status: .cancelled, effective: try LocalDate.parse("2022-03-01"), actor: "t"), today: RollupStoreTests.today)
                let early = try RollupStore(c).rebuilt(asOf: try LocalDate.parse("2020-12-31"))
                #expect(early.projectCount == 0)
                let before = try RollupStore(c).rebuilt(asOf: try LocalDate.parse("2022-02-28"))
                #expect(before.projectCount == 1)
                #expect(before.counted.minorUnits == 50_000)
                let after = try RollupStore(c).rebuilt(asOf: try LocalDate.parse("2022-03-01"))
                #expect(after.counted.minorUnits == 0)
                #expect(after.cancelled.minorUnits == 50_000)
                let now = try RollupStore(c).rebuilt(asOf: RollupStoreTests.today)
                #expect(now == (try RollupStore(c).current(asOf: RollupStoreTests.today)))
                #expect(now.projectCount == 2)
            }
        }
    }

    @Test("over generated histories, as-of each snapshot's date equals that snapshot")
    func asOfMatchesSnapshots() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                var generator = SeededGenerator(seed: 42)
                let statuses: [ProjectStatus] = [.pledged, .committed, .ongoing]
                for i in 0..<25 {
                    let status = statuses[Int.random(in: 0..<3, using: &generator)]
                    let cents = Int.random(in: 1...9_999_999_999, using: &generator)
                    try RollupStoreTests.add(c, "G\(i)", status: status, value: "\(cents / 100).\(String(format: "%02d", cents % 100))",
                                             sector: ["energy", "logistics", "other", "agriculture"][i % 4], valueDate: "2020-01-0\(1 + i % 9)",
                                             lenders: i % 3 == 0 ? "Bank of China" : "Bank of China=\(50 + i)" + ";ICBC=\(50 - i)")
                }
                var checkpoints: [(LocalDate, Rollup)] = []
                var day = try LocalDate.parse("2021-01-01")
                for _ in 0..<8 {
                    for _ in 0..<4 {
                        let code = "G\(Int.random(in: 0..<25, using: &generator))"
                        let current = try ProjectStore(c).require(code).status
                        guard let next = current.allowedNext.randomElement(using: &generator) else { continue }
                        _ = try StatusStore(c).set(StatusChangeRequest(code: code, status: next, effective: day, actor: "t"), today: RollupStoreTests.today)
                    }
                    // The snapshot taken "on" this day, from the state as it stands (folded incrementally).
                    let id = try RollupStore(c).take(trigger: .periodic, asOf: day)
                    checkpoints.append((day, try RollupStore(c).snapshot(id).rollup))
                    day = try day.adding(days: 30)
                }
                for (date, rollup) in checkpoints {
                    #expect(try RollupStore(c).rebuilt(asOf: date) == rollup, "as of \(date)")
                    #expect(rollup.bySector.reduce(Int128(0)) { $0 + $1.value.minorUnits } == rollup.total.minorUnits)
                    #expect(rollup.byStatus.reduce(Int128(0)) { $0 + $1.value.minorUnits } == rollup.total.minorUnits)
                    #expect(rollup.byLender.reduce(Int128(0)) { $0 + $1.value.minorUnits } == rollup.total.minorUnits)
                }
            }
        }
    }
}

/// A small deterministic generator (SplitMix64) for repeatable generated data.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
