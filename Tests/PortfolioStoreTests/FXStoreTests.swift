import Postgres
import PortfolioCore
import PortfolioStore
import Testing
import TestSupport

@Suite("FX store: exact rates, one per key")
struct FXStoreTests {
    static func rate(_ currency: Currency, _ day: String, _ text: String, quote: Currency = .usd) throws -> FXRate {
        try FXRate(currency: currency, quote: quote, date: try Fixtures.date(day), rate: try FXRate.parseRate(text))
    }

    @Test("the domain's limits are the column's: precision 30, scale 12")
    func limitsMatchTheSchema() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let row = try #require(try c.query(
                    "SELECT numeric_precision::int, numeric_scale::int FROM information_schema.columns WHERE table_name = 'fx_rates' AND column_name = 'rate'").first)
                let (precision, scale) = try row.decode(Int.self, Int.self)
                #expect(scale == FXRate.maxScale)
                #expect(precision - scale == FXRate.maxIntegerDigits)
            }
        }
    }

    @Test("the extremes the domain accepts are stored and read back exactly", arguments: [
        "0.000000000001", "0.140800000001", "999999.999999999999", "1000000", "1",
    ])
    func extremesRoundTrip(text: String) async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let rate = try Self.rate(.cny, "2024-01-02", text)
                try FXStore(c).set(rate, actor: "t")
                #expect(try FXStore(c).list() == [rate])
                #expect(try c.query("SELECT rate = $1::numeric FROM fx_rates", text).scalar(Bool.self))
            }
        }
    }

    @Test("two rates for one currency, quote and date are refused and nothing is written")
    func duplicateKeyRefused() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let before = try DatabaseFingerprint.capture(c)
                let error = try #require(throws: StoreError.self) {
                    try FXStore(c).set([try Self.rate(.cny, "2024-01-02", "0.14"), try Self.rate(.eur, "2024-01-02", "1.08"),
                                        try Self.rate(.cny, "2024-01-02", "0.15")], actor: "t")
                }
                #expect(error.description == "two rates for CNY/USD on 2024-01-02; give each currency, quote and date once")
                #expect(error.exitStatus == .dataError)
                #expect(try DatabaseFingerprint.capture(c) == before)
                // Other quotes or other dates of the same currency are different rates.
                try FXStore(c).set([try Self.rate(.cny, "2024-01-02", "0.14"), try Self.rate(.cny, "2024-01-03", "0.15"),
                                    try Self.rate(.cny, "2024-01-02", "0.13", quote: .eur)], actor: "t")
                #expect(try FXStore(c).list().count == 3)
            }
        }
    }
}
