import Foundation
import PortfolioCore
import Testing
import TestSupport

@Suite("Money formatting and round trips")
struct MoneyFormattingTests {
    @Test("plain and grouped forms", arguments: [
        (Int64(120_000_000_050), Currency.usd, "1200000000.50", "1,200,000,000.50"),
        (0, .usd, "0.00", "0.00"),
        (5, .usd, "0.05", "0.05"),
        (100, .usd, "1.00", "1.00"),
        (100_000, .usd, "1000.00", "1,000.00"),
        (-5, .usd, "-0.05", "-0.05"),
        (-123_456_789, .usd, "-1234567.89", "-1,234,567.89"),
        (123_456, .jpy, "123456", "123,456"),
        (1, .kwd, "0.001", "0.001"),
        (1_234_567, .kwd, "1234.567", "1,234.567"),
        (.max, .usd, "92233720368547758.07", "92,233,720,368,547,758.07"),
        (.min, .usd, "-92233720368547758.08", "-92,233,720,368,547,758.08"),
        (.max, .jpy, "9223372036854775807", "9,223,372,036,854,775,807"),
    ])
    func formats(minorUnits: Int64, currency: Currency, plain: String, grouped: String) {
        let money = Money(minorUnits: Int128(minorUnits), currency: currency)
        #expect(money.formatted() == plain)
        #expect(money.formatted(grouping: true) == grouped)
    }

    static func generatedValues(seed: UInt64, count: Int) -> [Int64] {
        var generator = SeededGenerator(seed: seed)
        var values: [Int64] = [0, 1, 9, 10, 99, 100, 999, 1000, .max, .max - 1]
        var power: Int64 = 1
        while power <= Int64.max / 10 {
            values += [power - 1, power, power + 1]
            power *= 10
        }
        while values.count < count {
            let digits = Int.random(in: 1...19, using: &generator)
            let limit = digits == 19 ? Int64.max : (0..<digits).reduce(Int64(1)) { value, _ in value * 10 } - 1
            values.append(Int64.random(in: 0...limit, using: &generator))
        }
        return values
    }

    @Test("parse(formatted(x)) == x", arguments: [Currency.jpy, .usd, .kwd])
    func roundTrip(currency: Currency) throws {
        for units in Self.generatedValues(seed: UInt64(currency.minorDigits) + 42, count: 3000) {
            let money = Money(minorUnits: Int128(units), currency: currency)
            #expect(try Money.parse(money.formatted(), currency: currency, largest: .max) == money)
            #expect(try Money.parse(money.formatted(grouping: true), currency: currency, largest: .max) == money)
        }
    }

    @Test("negative values round trip when negatives are allowed", arguments: [Currency.jpy, .usd, .kwd])
    func negativeRoundTrip(currency: Currency) throws {
        let values = Self.generatedValues(seed: 7, count: 1000).map { -$0 } + [.min, .min + 1]
        for units in values {
            let money = Money(minorUnits: Int128(units), currency: currency)
            let parsed = try Money.parse(money.formatted(grouping: true), currency: currency, allowingNegative: true, largest: .max)
            #expect(parsed == money)
        }
    }

    @Test func descriptionHasCode() {
        #expect(Money(minorUnits: 800_000_000_000, currency: .usd).description == "8,000,000,000.00 USD")
    }

    @Test func codableKeepsExactAmountAsText() throws {
        let money = Money(minorUnits: Int128(Int64.max), currency: .usd)
        let data = try JSONEncoder().encode(money)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"amount\":\"92233720368547758.07\""))
        #expect(json.contains("\"currency\":\"USD\""))
        #expect(try JSONDecoder().decode(Money.self, from: data) == money)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Money.self, from: Data(#"{"amount":"1.234","currency":"USD"}"#.utf8))
        }
    }
}
