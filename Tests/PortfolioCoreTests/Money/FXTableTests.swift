import Foundation
import PortfolioCore
import Testing
import TestSupport

@Suite("FX conversion")
struct FXTableTests {
    static func rate(_ currency: Currency, _ quote: Currency, _ day: String, _ rate: String) throws(DomainError) -> FXRate {
        try FXRate(currency: currency, quote: quote, date: date(day), rate: ExactDecimal.parse(rate))
    }

    @Test func usesLatestRateOnOrBeforeTheDate() throws {
        let table = FXTable([
            try Self.rate(.cny, .usd, "2024-06-01", "0.13"),
            try Self.rate(.cny, .usd, "2024-01-01", "0.14"),
        ])
        let hundred = Money(minorUnits: 10_000, currency: .cny)
        #expect(try table.convert(hundred, to: .usd, on: date("2024-01-01")).minorUnits == 1400)
        #expect(try table.convert(hundred, to: .usd, on: date("2024-05-31")).minorUnits == 1400)
        #expect(try table.convert(hundred, to: .usd, on: date("2024-06-01")).minorUnits == 1300)
        #expect(try table.convert(hundred, to: .usd, on: date("2030-01-01")) == Money(minorUnits: 1300, currency: .usd))
        #expect(domainError { () throws(DomainError) in
            try table.convert(hundred, to: .usd, on: date("2023-12-31"))
        }?.message == "no USD rate for CNY on or before 2023-12-31")
    }

    @Test func missingPairAndIdentity() throws {
        let table = FXTable([try Self.rate(.cny, .usd, "2024-01-01", "0.14")])
        let euros = Money(minorUnits: 5, currency: .eur)
        #expect(domainError { () throws(DomainError) in try table.convert(euros, to: .usd, on: date("2020-01-01")) }?.message
            == "no USD rate for EUR on or before 2020-01-01")
        #expect(domainError { () throws(DomainError) in
            try table.convert(Money(minorUnits: 1400, currency: .usd), to: .cny, on: date("2025-01-01"))
        }?.message == "no CNY rate for USD on or before 2025-01-01")
        #expect(try FXTable().convert(euros, to: .eur, on: date("2020-01-01")) == euros)
    }

    @Test("rounds half to even at the target minor unit", arguments: [
        (Currency.jpy, Currency.usd, "0.005", Int64(1), Int64(0)),   // 0.5 cent
        (.jpy, .usd, "0.005", 3, 2),                                  // 1.5 cents
        (.jpy, .usd, "0.005", 5, 2),                                  // 2.5 cents
        (.jpy, .usd, "0.005", 7, 4),                                  // 3.5 cents
        (.jpy, .usd, "0.005", 2, 1),                                  // exact
        (.jpy, .usd, "0.005", -3, -2),                                // symmetric for negatives
        (.jpy, .usd, "0.0051", 1, 1),                                 // 0.51 cent
        (.jpy, .usd, "0.0049", 1, 0),                                 // 0.49 cent
        (.usd, .jpy, "150.5", 100, 150),                              // 150.5 yen
        (.usd, .jpy, "151.5", 100, 152),                              // 151.5 yen
        (.usd, .jpy, "150.5", 1, 2),                                  // 1.505 yen
        (.usd, .kwd, "0.307", 100, 307),                              // more target digits, exact
        (.kwd, .usd, "3.25", 1, 0),                                   // 0.325 cent
        (.cny, .usd, "0.13888", 1_000_000_000_00, 13_888_000_000),
        (.usd, .eur, "0.000000000001", .max, 9_223_372),              // the smallest rate: 92,233.72 euros
    ])
    func roundsHalfEven(from: Currency, to: Currency, rate: String, units: Int64, expected: Int64) throws {
        let fx = try Self.rate(from, to, "2024-01-01", rate)
        #expect(try fx.convert(Money(minorUnits: Int128(units), currency: from)) == Money(minorUnits: Int128(expected), currency: to))
    }

    @Test func agreesWithSimpleArithmeticOnGeneratedValues() throws {
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<2000 {
            let units = Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &generator)
            let mantissa = Int128(Int64.random(in: 1...10_000_000_000, using: &generator))
            let scale = Int.random(in: 0...12, using: &generator)
            let pair = [(Currency.cny, Currency.usd), (.usd, .jpy), (.jpy, .kwd), (.kwd, .eur)]
                .randomElement(using: &generator) ?? (.cny, .usd)
            let rate = try ExactDecimal(mantissa: mantissa, scale: scale)
            guard rate <= FXRate.maxRate else {
                #expect(throws: DomainError.self) { try FXRate(currency: pair.0, quote: pair.1, date: date("2024-01-01"), rate: rate) }
                continue
            }
            let fx = try FXRate(currency: pair.0, quote: pair.1, date: date("2024-01-01"), rate: rate)
            // Reference: units × mantissa × 10^(to − scale − from), rounded half to even, in plain Int128.
            let shift = pair.1.minorDigits - rate.scale - pair.0.minorDigits
            var numerator = Int128(units) * rate.mantissa
            var denominator: Int128 = 1
            if shift >= 0 {
                for _ in 0..<shift { numerator *= 10 }
            } else {
                for _ in 0..<(-shift) { denominator *= 10 }
            }
            var quotient = numerator / denominator
            let remainder = (numerator % denominator).magnitude * 2
            if remainder > denominator.magnitude || (remainder == denominator.magnitude && quotient % 2 != 0) {
                quotient += numerator < 0 ? -1 : 1
            }
            let money = Money(minorUnits: Int128(units), currency: pair.0)
            #expect(try fx.convert(money) == Money(minorUnits: quotient, currency: pair.1))
        }
    }

    @Test func overflowThrows() throws {
        let doubling = try Self.rate(.usd, .eur, "2024-01-01", "2")
        #expect(domainError { () throws(DomainError) in try doubling.convert(Money(minorUnits: .max, currency: .usd)) }?
            .message.hasSuffix("is too large in EUR") == true)
        #expect(domainError { () throws(DomainError) in try doubling.convert(Money(minorUnits: .min, currency: .usd)) } != nil)
        let largest = try Self.rate(.jpy, .kwd, "2024-01-01", "1000000")
        #expect(try largest.convert(Money(minorUnits: Money.maxValueMinorUnits, currency: .jpy)).minorUnits
            == Money.maxValueMinorUnits * 1_000_000_000)
        #expect(domainError { () throws(DomainError) in try largest.convert(Money(minorUnits: .max / 100, currency: .jpy)) } != nil)
        let one = try Self.rate(.usd, .eur, "2024-01-01", "1")
        #expect(try one.convert(Money(minorUnits: .min, currency: .usd)).minorUnits == .min)
    }

    @Test func rateValidation() throws {
        #expect(domainError { () throws(DomainError) in try Self.rate(.usd, .eur, "2024-01-01", "0") }?.description
            == "rate: rate 0 must be greater than 0")
        #expect(domainError { () throws(DomainError) in try Self.rate(.usd, .eur, "2024-01-01", "-1.5") } != nil)
        #expect(domainError { () throws(DomainError) in try Self.rate(.usd, .usd, "2024-01-01", "1") }?.field == "quote")
        // The largest rate is accepted; anything above it is refused with the limit.
        #expect(try Self.rate(.kwd, .jpy, "2024-01-01", "1000000").rate == FXRate.maxRate)
        for above in ["1000000.000000000001", "1000001", "999999999999999999"] {
            #expect(domainError { () throws(DomainError) in try Self.rate(.kwd, .jpy, "2024-01-01", above) }?.description
                == "rate: rate \(above) is more than 1000000, the largest rate")
        }
        let cny = try Self.rate(.cny, .usd, "2024-01-01", "0.14")
        #expect(domainError { () throws(DomainError) in try cny.convert(Money(minorUnits: 1, currency: .eur)) } != nil)
    }

    @Test func insertReplacesSameDate() throws {
        var table = FXTable([try Self.rate(.cny, .usd, "2024-01-01", "0.14")])
        table.insert(try Self.rate(.cny, .usd, "2024-01-01", "0.15"))
        table.insert(try Self.rate(.cny, .usd, "2023-01-01", "0.16"))
        #expect(table.allRates.map(\.rate.description) == ["0.16", "0.15"])
        #expect(table.rate(for: .cny, in: .usd, on: date("2024-02-01"))?.rate.description == "0.15")
    }

    @Test func codable() throws {
        let rate = try Self.rate(.cny, .usd, "2024-01-01", "0.1388")
        let data = try JSONEncoder().encode(rate)
        #expect(try JSONDecoder().decode(FXRate.self, from: data) == rate)
    }
}
