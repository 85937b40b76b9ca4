import Postgres
import PortfolioCore
import PortfolioStore
import Testing
import TestSupport

/// `--as-of` follows one rule for every field reports use: a change counts from its effective
/// date (the one given, or the value date given, never after the day it is recorded; otherwise the
/// day it is recorded), and the most recently recorded change effective by a date wins.
@Suite("Field history: as-of follows each change's effective date")
struct FieldHistoryTests {
    static func today() throws -> LocalDate { try LocalDate.parse("2026-01-15") }

    static func day(_ text: String) throws -> LocalDate { try LocalDate.parse(text) }

    static func update(_ c: Connection, _ patch: ProjectPatch, effective: String? = nil) throws {
        _ = try ProjectStore(c).update("P", patch, expectedVersion: nil, actor: "t", today: try today(), effective: effective.map(day))
    }

    static func asOf(_ c: Connection, _ date: String) throws -> Rollup { try RollupStore(c).rebuilt(asOf: day(date)) }

    static func addP(_ c: Connection) throws {
        _ = try ProjectStore(c).add(try Fixtures.project("P", sector: "energy", value: "100.00", valueDate: "2024-01-10",
                                                         lenders: "Bank of China=100"), actor: "t", today: try today())
    }

    @Test("a back-dated value update counts from its value date, not from the day it was recorded")
    func backDatedValue() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try Self.addP(c)
                try Self.update(c, ProjectPatch(value: Money(minorUnits: 25_000, currency: .usd), valueDate: try Self.day("2025-03-01")))
                #expect(try Self.asOf(c, "2025-02-28").total.minorUnits == 10_000)
                #expect(try Self.asOf(c, "2025-03-01").total.minorUnits == 25_000)
                #expect(try Self.asOf(c, "2026-01-14").total.minorUnits == 25_000)
                // Without a value date the change counts from the day it is recorded.
                try Self.update(c, ProjectPatch(value: Money(minorUnits: 40_000, currency: .usd)))
                #expect(try Self.asOf(c, "2026-01-14").total.minorUnits == 25_000)
                #expect(try Self.asOf(c, "2026-01-15").total.minorUnits == 40_000)
            }
        }
    }

    @Test("sector and lender changes count from the day recorded, or from --effective; before it the old ones show")
    func sectorAndLenders() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try Self.addP(c)
                try Self.update(c, ProjectPatch(sectorCode: "logistics"))
                #expect(try Self.asOf(c, "2026-01-14").bySector.map(\.key) == ["energy"])
                #expect(try Self.asOf(c, "2026-01-15").bySector.map(\.key) == ["logistics"])
                try Self.update(c, ProjectPatch(lenders: try LenderShare.parseList("ICBC=70;Silk Road Fund=30")), effective: "2025-06-01")
                #expect(try Self.asOf(c, "2025-05-31").byLender.map(\.key) == ["Bank of China"])
                #expect(try Self.asOf(c, "2025-06-01").byLender.map(\.key) == ["ICBC", "Silk Road Fund"])
                // --effective moves every field the update changes, the value too.
                try Self.update(c, ProjectPatch(sectorCode: "agriculture", value: Money(minorUnits: 7_00, currency: .usd)), effective: "2025-09-01")
                let september = try Self.asOf(c, "2025-09-01")
                #expect(september.bySector.map(\.key) == ["agriculture"])
                #expect(september.total.minorUnits == 7_00)
                #expect(try Self.asOf(c, "2025-08-31").bySector.map(\.key) == ["energy"])
                // Without --effective a value date dates the value only; the sector changes today.
                try Self.update(c, ProjectPatch(sectorCode: "manufacturing", value: Money(minorUnits: 9_00, currency: .usd),
                                                valueDate: try Self.day("2025-10-01")))
                let october = try Self.asOf(c, "2025-10-01")
                #expect(october.total.minorUnits == 9_00)
                #expect(october.bySector.map(\.key) == ["agriculture"])
                #expect(try Self.asOf(c, "2026-01-15").bySector.map(\.key) == ["manufacturing"])
            }
        }
    }

    @Test("a currency change counts from its value date and converts at the rate of that date")
    func currency() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try Self.addP(c)
                try FXStore(c).set([
                    try FXRate(currency: .eur, quote: .usd, date: Self.day("2024-01-01"), rate: ExactDecimal.parse("1.1")),
                    try FXRate(currency: .eur, quote: .usd, date: Self.day("2025-01-01"), rate: ExactDecimal.parse("1.2")),
                ], actor: "t")
                try Self.update(c, ProjectPatch(value: Money(minorUnits: 10_000, currency: .eur), valueDate: try Self.day("2024-07-01")))
                #expect(try Self.asOf(c, "2024-06-30").total.minorUnits == 10_000)
                #expect(try Self.asOf(c, "2024-07-01").total.minorUnits == 11_000)
                #expect(try Self.asOf(c, "2025-12-31").total.minorUnits == 11_000)
            }
        }
    }

    @Test("no change takes effect after the day it is recorded: a future --effective is refused, a future value date counts from today")
    func neverInTheFuture() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try Self.addP(c)
                let before = try DatabaseFingerprint.capture(c)
                let error = #expect(throws: StoreError.self) { try Self.update(c, ProjectPatch(sectorCode: "other"), effective: "2026-01-16") }
                #expect(error?.description.contains("after today") == true)
                #expect(try DatabaseFingerprint.capture(c) == before)
                try Self.update(c, ProjectPatch(value: Money(minorUnits: 1, currency: .usd), valueDate: try Self.day("2027-01-01")))
                #expect(try Self.asOf(c, "2026-01-15").total.minorUnits == 1)
                #expect(try Self.asOf(c, "2026-01-14").total.minorUnits == 10_000)
                // A project added with a future value date is in the portfolio from the day it is added.
                _ = try ProjectStore(c).add(try Fixtures.project("F", value: "5.00", valueDate: "2030-01-01"), actor: "t", today: try Self.today())
                #expect(try Self.asOf(c, "2026-01-15").projectCount == 2)
                #expect(try StatusStore(c).history("F").map(\.effective) == [try Self.today()])
            }
        }
    }

    @Test("after any sequence of updates with effective dates, as of today is the current portfolio", arguments: [1, 2, 3])
    func asOfTodayIsCurrent(seed: Int) async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try Self.addP(c)
                _ = try ProjectStore(c).add(try Fixtures.project("Q", sector: "other", value: "3.00", valueDate: "2023-05-05"), actor: "t", today: try Self.today())
                var random = Seeded(state: UInt64(seed))
                let sectors = ["energy", "logistics", "other", "agriculture"]
                let lenders = ["Bank of China=100", "ICBC=50;CDB=50", "Silk Road Fund=20;ICBC=80"]
                for step in 0..<12 {
                    let code = step % 2 == 0 ? "P" : "Q"
                    var patch = ProjectPatch()
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0: patch.sectorCode = sectors.randomElement(using: &random)
                    case 1: patch.lenders = try LenderShare.parseList(lenders.randomElement(using: &random) ?? "ICBC")
                    case 2: patch.value = Money(minorUnits: Int128(Int.random(in: 0...1_000_000, using: &random)), currency: .usd)
                    default: patch.valueDate = try LocalDate(daysSinceEpoch: Int.random(in: 19_700...20_460, using: &random))
                    }
                    let effective = Bool.random(using: &random) ? nil
                        : try LocalDate(daysSinceEpoch: Int.random(in: 19_800...20_468, using: &random))
                    _ = try ProjectStore(c).update(code, patch, expectedVersion: nil, actor: "t", today: try Self.today(), effective: effective)
                    let current = try RollupStore(c).recomputed(asOf: try Self.today())
                    #expect(try RollupStore(c).rebuilt(asOf: try Self.today()) == current, "after step \(step)")
                }
            }
        }
    }
}

/// A small seeded generator, so a failing sequence can be replayed.
struct Seeded: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}
