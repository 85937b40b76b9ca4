import Postgres
import PortfolioCore
import PortfolioStore
import Testing
import TestSupport

/// No write can store a value that no rate converts into the reporting currency, so reports and
/// the rollup never fail on stored data.
@Suite("Rate coverage of stored values")
struct RateCoverageTests {
    static let kzt = Currency.known("KZT") ?? .usd

    static func rate(_ currency: Currency, _ day: String, _ rate: String, quote: Currency = .usd) throws -> FXRate {
        try FXRate(currency: currency, quote: quote, date: Fixtures.date(day), rate: ExactDecimal.parse(rate))
    }

    /// `body` must throw a `StoreError` naming the `fx set` command that fixes it, and change nothing.
    static func expectRefused(_ c: Connection, naming fix: String, _ body: () throws -> Void,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try DatabaseFingerprint.capture(c)
        let error = #expect(throws: (any Error).self, sourceLocation: sourceLocation) { try body() }
        #expect(error.map { "\($0)" }?.contains(fix) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error.map(FailureReport.status(for:)) == .dataError, sourceLocation: sourceLocation)
        #expect(try DatabaseFingerprint.capture(c) == before, sourceLocation: sourceLocation)
    }

    @Test("add: refused with no rate, or with rates only after the value date; accepted once a rate on or before it exists")
    func add() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let store = ProjectStore(c)
                let project = try Fixtures.project("KZ-1", value: "1000.00", currency: "KZT", valueDate: "2024-03-01")
                try Self.expectRefused(c, naming: "portfolio fx set KZT 2024-03-01 RATE --quote USD") { _ = try store.add(project, actor: "t") }
                try FXStore(c).set(try Self.rate(Self.kzt, "2024-03-02", "0.0021"), actor: "t")
                try Self.expectRefused(c, naming: "portfolio fx set KZT 2024-03-01 RATE --quote USD") { _ = try store.add(project, actor: "t") }
                // A rate into another currency does not help a USD portfolio.
                try FXStore(c).set(try Self.rate(Self.kzt, "2024-01-01", "0.0019", quote: .eur), actor: "t")
                try Self.expectRefused(c, naming: "fx set KZT 2024-03-01") { _ = try store.add(project, actor: "t") }
                try FXStore(c).set(try Self.rate(Self.kzt, "2024-03-01", "0.0020"), actor: "t")
                _ = try store.add(project, actor: "t")
                #expect(try RollupStore(c).recomputed(asOf: Fixtures.date("2026-01-01")).total.minorUnits == 200)
            }
        }
    }

    @Test("update: a new currency or an earlier value date without a rate is refused; other fields are not checked")
    func update() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let store = ProjectStore(c)
                let today = try Fixtures.date("2026-01-01")
                _ = try store.add(try Fixtures.project("P", valueDate: "2024-01-10"), actor: "t")
                try Self.expectRefused(c, naming: "portfolio fx set KZT 2024-01-10 RATE --quote USD") {
                    _ = try store.update("P", ProjectPatch(value: Money(minorUnits: 100, currency: Self.kzt)), expectedVersion: nil, actor: "t", today: today)
                }
                try FXStore(c).set(try Self.rate(Self.kzt, "2024-01-01", "0.002"), actor: "t")
                _ = try store.update("P", ProjectPatch(value: Money(minorUnits: 100, currency: Self.kzt)), expectedVersion: nil, actor: "t", today: today)
                try Self.expectRefused(c, naming: "portfolio fx set KZT 2023-12-31 RATE --quote USD") {
                    _ = try store.update("P", ProjectPatch(valueDate: try Fixtures.date("2023-12-31")), expectedVersion: nil, actor: "t", today: today)
                }
                _ = try store.update("P", ProjectPatch(name: "Renamed"), expectedVersion: nil, actor: "t", today: today)
                #expect(try RollupStore(c).rebuilt(asOf: Fixtures.date("2025-12-31")).projectCount == 1)
            }
        }
    }

    @Test("import: every row without a rate is a bad row with its line, and nothing is imported")
    func importRows() async throws {
        let path = try Fixtures.file(Fixtures.header + """
            OK-1,Fine,energy,ongoing,100,USD,2020-01-01,Bank of China,,,
            KZ-1,Tenge,energy,ongoing,100,KZT,2020-01-01,Bank of China,,,
            CN-1,Yuan,energy,ongoing,100,CNY,2023-12-31,Bank of China,,,
            CN-2,Yuan,energy,ongoing,100,CNY,2024-01-01,Bank of China,,,

            """)
        try await TestDatabase.with { db in
            try await db.run { c in
                try FXStore(c).set(try Self.rate(.cny, "2024-01-01", "0.14"), actor: "t")
                let before = try DatabaseFingerprint.capture(c)
                let failure = try #require(throws: ImportFailure.self) { try ProjectImporter(c).importFile(path: path, actor: "t") }
                #expect(failure.problems.count == 2)
                #expect(failure.problems[0].hasSuffix(":3: currency: a value in KZT cannot be reported in USD: no USD rate for KZT on or before 2020-01-01; add one with 'portfolio fx set KZT 2020-01-01 RATE --quote USD' (or 'portfolio fx import') first"))
                #expect(failure.problems[1].contains(":4: currency:") && failure.problems[1].contains("portfolio fx set CNY 2023-12-31 RATE"))
                #expect(throws: ImportFailure.self) { try ProjectImporter(c).importFile(path: path, dryRun: true, actor: "t") }
                #expect(try DatabaseFingerprint.capture(c) == before)
            }
        }
    }

    @Test("target set: a new reporting currency is refused while any value or history entry has no rate into it")
    func target() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let today = try Fixtures.date("2026-01-01")
                _ = try ProjectStore(c).add(try Fixtures.project("P", valueDate: "2022-06-01"), actor: "t")
                _ = try ProjectStore(c).update("P", ProjectPatch(valueDate: try Fixtures.date("2024-06-01")), expectedVersion: nil, actor: "t", today: today)
                let eur = try Target(amount: Money(minorUnits: 100_000, currency: .eur))
                try Self.expectRefused(c, naming: "portfolio fx set USD 2022-06-01 RATE --quote EUR") { try TargetStore(c).set(eur, actor: "t") }
                // A rate that covers today's value date but not the history entry of 2022 is not enough: --as-of reads it.
                try FXStore(c).set(try Self.rate(.usd, "2024-01-01", "0.9", quote: .eur), actor: "t")
                try Self.expectRefused(c, naming: "portfolio fx set USD 2022-06-01 RATE --quote EUR") { try TargetStore(c).set(eur, actor: "t") }
                try FXStore(c).set(try Self.rate(.usd, "2022-01-01", "0.88", quote: .eur), actor: "t")
                try TargetStore(c).set(eur, actor: "t")
                #expect(try RollupStore(c).recomputed(asOf: today).currency == .eur)
                #expect(try RollupStore(c).rebuilt(asOf: Fixtures.date("2023-01-01")).currency == .eur)
                // The same amount in the same currency again checks nothing.
                try TargetStore(c).set(try Target(amount: Money(minorUnits: 200_000, currency: .eur)), actor: "t")
            }
        }
    }

    @Test("a report in another currency with no rate into it, or no rate for the target, is refused naming the fix")
    func reportCurrency() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let today = try Fixtures.date("2026-01-01")
                _ = try ProjectStore(c).add(try Fixtures.project("P", valueDate: "2024-01-10"), actor: "t")
                let store = RollupStore(c)
                for read in [{ _ = try store.recomputed(asOf: today, currency: .eur) }, { _ = try store.rebuilt(asOf: today, currency: .eur) }] {
                    let error = #expect(throws: StoreError.self) { try read() }
                    #expect(error?.description == "the rollup cannot be computed: project P: no EUR rate for USD on or before 2024-01-10; "
                        + "add one with 'portfolio fx set USD 2024-01-10 RATE --quote EUR'")
                }
                try FXStore(c).set(try Self.rate(.usd, "2024-01-10", "0.9", quote: .eur), actor: "t")
                // The projects convert; the target, in USD, converts at the rate on or before the report's date.
                let early = #expect(throws: StoreError.self) { try store.rebuilt(asOf: Fixtures.date("2024-01-09"), currency: .eur) }
                #expect(early?.description == "the target cannot be converted: no EUR rate for USD on or before 2024-01-09; "
                    + "add one with 'portfolio fx set USD 2024-01-09 RATE --quote EUR'")
                #expect(try store.recomputed(asOf: today, currency: .eur).total.minorUnits == 90_000_000)
            }
        }
    }
}
