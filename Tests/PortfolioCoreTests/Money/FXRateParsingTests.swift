import Foundation
import PortfolioCore
import Testing

/// A rate is refused unless the store holds it exactly (`numeric(30, 12)`), and above 1,000,000.
@Suite("FX rate parsing")
struct FXRateParsingTests {
    @Test("accepts what the store holds exactly", arguments: [
        ("0.14", "0.14"),
        ("0.140800000001", "0.140800000001"),                   // 12 decimals
        ("0.000000000001", "0.000000000001"),                   // the smallest rate
        ("0.1408000000000000000", "0.1408"),                    // trailing zeros are not digits of the value
        ("000123.5", "123.5"),                                  // nor are leading zeros
        ("1000000", "1000000"),                                 // the largest rate
        ("999999.999999999999", "999999.999999999999"),
        ("1", "1"),
        (" 7.1 ", "7.1"),                                       // surrounding whitespace
        ("\t0.5\n", "0.5"),
    ])
    func accepts(text: String, printed: String) throws {
        let rate = try FXRate.parseRate(text)
        #expect(rate.description == printed)
        #expect(try FXRate(currency: .cny, quote: .usd, date: LocalDate(year: 2024, month: 1, day: 2), rate: rate).rate == rate)
    }

    @Test("refuses what would be rounded or cut, naming the limit", arguments: [
        ("0.1408000000001", "rate \"0.1408000000001\" has 13 decimals; an FX rate may have at most 12"),
        ("0.0000000000006", "rate \"0.0000000000006\" has 13 decimals; an FX rate may have at most 12"),
        ("0.000000000000000001", "rate \"0.000000000000000001\" has 18 decimals; an FX rate may have at most 12"),
        ("0.0000000000000000000001", "rate \"0.0000000000000000000001\" has 22 decimals; an FX rate may have at most 12"),
        ("1000000000000000000", "rate \"1000000000000000000\" is more than 1000000, the largest rate"),
        ("1000000000000000000.5", "rate \"1000000000000000000.5\" is more than 1000000, the largest rate"),
        ("1000000.000000000001", "rate \"1000000.000000000001\" is more than 1000000, the largest rate"),
        ("99999999", "rate \"99999999\" is more than 1000000, the largest rate"),
        (String(repeating: "9", count: 45),
         "rate \"\(String(repeating: "9", count: 45))\" is more than 1000000, the largest rate"),
    ])
    func refusesPrecision(text: String, message: String) {
        let error = domainError { () throws(DomainError) in try FXRate.parseRate(text) }
        #expect(error?.message == message)
        #expect(error?.field == "rate")
    }

    @Test("refuses zero, negatives and anything but plain digits", arguments: [
        "0", "-0", "0.000", "00", "-1", "-0.14", "-0.0000000000001", "-1000000000000000000",
        "1e5", "1E-3", "1.4e-1", "+0.14", "+1", "0. 14", "0,14", "1,000.5", "", "   ", ".5", "5.", ".", "1.2.3",
        "NaN", "Infinity", "-inf", "0x10", "١٢", "1_000", "0.14USD", "½",
    ])
    func refusesOthers(text: String) {
        let error = domainError { () throws(DomainError) in try FXRate.parseRate(text) }
        #expect(error != nil, "\(text.debugDescription) was accepted")
        #expect(error?.field == "rate")
    }

    @Test func zeroAndNegativesSayGreaterThanZero() {
        for text in ["0", "-0", "0.000", "-1.5", "-0.0000000000001"] {
            #expect(domainError { () throws(DomainError) in try FXRate.parseRate(text) }?.message.hasSuffix("must be greater than 0") == true, "\(text)")
        }
    }

    @Test("the initialiser refuses the same values however they were made")
    func initialiserRefuses() throws {
        let day = try LocalDate(year: 2024, month: 1, day: 2)
        for (mantissa, scale) in [(Int128(1_408_000_000_001), 13), (6, 13), (1, 18), (Int128(1_000_000_000_000_000_000), 0)] {
            let rate = try ExactDecimal(mantissa: mantissa, scale: scale)
            #expect(domainError { () throws(DomainError) in try FXRate(currency: .cny, quote: .usd, date: day, rate: rate) }?.field == "rate",
                    "\(rate) was accepted")
        }
        let largest = try ExactDecimal.parse(FXRate.largestRate)
        #expect(try FXRate(currency: .cny, quote: .usd, date: day, rate: largest).rate == largest)
    }

    @Test("decoding refuses a rate the store could not hold")
    func decodingRefuses() throws {
        let json = #"{"currency":"CNY","quote":"USD","date":"2024-01-02","rate":"0.1408000000001"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FXRate.self, from: Data(json.utf8)) }
        let fine = #"{"currency":"CNY","quote":"USD","date":"2024-01-02","rate":"0.140800000001"}"#
        #expect(try JSONDecoder().decode(FXRate.self, from: Data(fine.utf8)).rate.description == "0.140800000001")
    }
}
