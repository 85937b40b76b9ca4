import Foundation
import PortfolioCore
import Testing

@Suite("ExactDecimal")
struct ExactDecimalTests {
    @Test("parses and prints exactly", arguments: [
        ("7.1234567890", Int128(7_123_456_789), 9, "7.123456789"),
        ("0.14", 14, 2, "0.14"),
        ("100", 100, 0, "100"),
        ("1.000", 1, 0, "1"),
        ("-0.5", -5, 1, "-0.5"),
        ("0.000000000000000001", 1, 18, "0.000000000000000001"),
        ("1.0000000000000000000000", 1, 0, "1"),
        ("170141183460469231731687303715884105727", .max, 0, "170141183460469231731687303715884105727"),
        ("-170141183460469231731687303715884105728", .min, 0, "-170141183460469231731687303715884105728"),
        (" 42 ", 42, 0, "42"),
    ])
    func parses(text: String, mantissa: Int128, scale: Int, printed: String) throws {
        let value = try ExactDecimal.parse(text)
        #expect(value.mantissa == mantissa)
        #expect(value.scale == scale)
        #expect(value.description == printed)
        #expect(try ExactDecimal.parse(value.description) == value)
    }

    @Test("refusals", arguments: [
        ("", "number is empty"),
        ("1e5", "\"1e5\" uses an exponent; write the number in full, such as 0.0001"),
        ("1,000", "\"1,000\" contains \",\"; write digits with an optional decimal point"),
        (".", "\".\" is not a number"),
        ("1.", "\"1.\" needs digits on both sides of the decimal point"),
        ("1.2.3", "\"1.2.3\" has more than one decimal point"),
        ("0.0000000000000000001", "\"0.0000000000000000001\" has 19 decimals; at most 18 are supported"),
        ("170141183460469231731687303715884105728", "\"170141183460469231731687303715884105728\" is too large"),
        ("nan", "\"nan\" contains \"n\"; write digits with an optional decimal point"),
    ])
    func refuses(text: String, message: String) {
        #expect(domainError { () throws(DomainError) in try ExactDecimal.parse(text) }?.message == message)
    }

    @Test func normalisesSoEqualValuesAreEqual() throws {
        #expect(try ExactDecimal.parse("7.10") == ExactDecimal.parse("7.1"))
        #expect(try ExactDecimal(mantissa: 1500, scale: 3) == ExactDecimal.parse("1.5"))
        #expect(try ExactDecimal.parse("2") == ExactDecimal(2))
        #expect(domainError { () throws(DomainError) in try ExactDecimal(mantissa: 1, scale: 19) } != nil)
        #expect(domainError { () throws(DomainError) in try ExactDecimal(mantissa: 1, scale: -1) } != nil)
    }

    @Test func comparesAcrossScalesWithoutOverflow() throws {
        let huge = try ExactDecimal.parse("170141183460469231731687303715884105727")
        let small = try ExactDecimal.parse("0.000000000000000001")
        #expect(small < huge)
        #expect(!(huge < small))
        #expect(try ExactDecimal.parse("0.14") < ExactDecimal.parse("0.2"))
        #expect(try ExactDecimal.parse("-1") < ExactDecimal.parse("0.5"))
        #expect(try ExactDecimal.parse("-170141183460469231731687303715884105728") < small)
        #expect(small.signum == 1 && ExactDecimal(0).signum == 0)
    }

    @Test func codableAsString() throws {
        let value = try ExactDecimal.parse("7.1234567890123")
        let data = try JSONEncoder().encode([value])
        #expect(String(decoding: data, as: UTF8.self) == "[\"7.1234567890123\"]")
        #expect(try JSONDecoder().decode([ExactDecimal].self, from: data) == [value])
    }
}
