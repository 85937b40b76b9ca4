import PortfolioCore
import Testing

@Suite("Money parsing")
struct MoneyParsingTests {
    @Test("accepted forms", arguments: [
        ("1200000000", Int64(120_000_000_000)),
        ("1200000000.5", 120_000_000_050),
        ("1,200,000,000.50", 120_000_000_050),
        ("  12.5  ", 1250),
        ("0", 0),
        ("0.01", 1),
        ("007", 700),
        ("999,999", 99_999_900),
        ("9,999,999,999,999,999.99", 999_999_999_999_999_999),
    ])
    func accepts(text: String, minorUnits: Int64) throws {
        #expect(try Money.parse(text, currency: .usd) == Money(minorUnits: Int128(minorUnits), currency: .usd))
    }

    @Test("every refusal says why and quotes the input", arguments: [
        ("-5", Currency.usd, "\"-5\" must not be negative"),
        ("-0.01", .usd, "\"-0.01\" must not be negative"),
        ("1.234", .usd, "\"1.234\" has 3 decimals; USD allows 2"),
        ("1.230", .usd, "\"1.230\" has 3 decimals; USD allows 2"),
        ("5.5", .jpy, "\"5.5\" has 1 decimal; JPY allows none"),
        ("1.2345", .kwd, "\"1.2345\" has 4 decimals; KWD allows 3"),
        ("10000000000000000.00", .usd,
         "\"10000000000000000.00\" is too large; the largest USD value is 9,999,999,999,999,999.99 (10^18 - 1 minor units)"),
        ("92233720368547758.07", .usd,
         "\"92233720368547758.07\" is too large; the largest USD value is 9,999,999,999,999,999.99 (10^18 - 1 minor units)"),
        ("1000000000000000000", .jpy,
         "\"1000000000000000000\" is too large; the largest JPY value is 999,999,999,999,999,999 (10^18 - 1 minor units)"),
        ("999999999999999999999999999999999999999999", .kwd,
         "\"999999999999999999999999999999999999999999\" is too large; the largest KWD value is 999,999,999,999,999.999 (10^18 - 1 minor units)"),
        ("nan", .usd, "\"nan\" is not a finite number"),
        ("NaN", .usd, "\"NaN\" is not a finite number"),
        ("inf", .usd, "\"inf\" is not a finite number"),
        ("-Infinity", .usd, "\"-Infinity\" is not a finite number"),
        ("1e9", .usd, "\"1e9\" uses an exponent; write the amount in full, such as 1200000000"),
        ("1.5E+3", .usd, "\"1.5E+3\" uses an exponent; write the amount in full, such as 1200000000"),
        ("", .usd, "amount is empty"),
        ("   ", .usd, "amount is empty"),
        (".", .usd, "\".\" is not a number"),
        ("-", .usd, "\"-\" is not a number"),
        ("5.", .usd, "\"5.\" needs digits on both sides of the decimal point"),
        (".5", .usd, "\".5\" needs digits on both sides of the decimal point"),
        ("1.2.3", .usd, "\"1.2.3\" has more than one decimal point"),
        ("1,20,000", .usd,
         "\"1,20,000\" has misplaced thousands separators; group digits in threes, such as 1,200,000"),
        ("1234,567", .usd,
         "\"1234,567\" has misplaced thousands separators; group digits in threes, such as 1,200,000"),
        (",123", .usd, "\",123\" has misplaced thousands separators; group digits in threes, such as 1,200,000"),
        ("1,234,", .usd, "\"1,234,\" has misplaced thousands separators; group digits in threes, such as 1,200,000"),
        ("1.2,3", .usd, "\"1.2,3\" has misplaced thousands separators; group digits in threes, such as 1,200,000"),
        ("12a", .usd, "\"12a\" contains \"a\"; write digits with an optional decimal point"),
        ("+5", .usd, "\"+5\" contains \"+\"; write digits with an optional decimal point"),
        ("1 000", .usd, "\"1 000\" contains \" \"; write digits with an optional decimal point"),
        ("$5", .usd, "\"$5\" contains \"$\"; write digits with an optional decimal point"),
        ("--5", .usd, "\"--5\" contains \"-\"; write digits with an optional decimal point"),
        ("١٢٣", .usd, "\"١٢٣\" contains \"١\"; write digits with an optional decimal point"),
    ])
    func refuses(text: String, currency: Currency, message: String) {
        let error = domainError { () throws(DomainError) in try Money.parse(text, currency: currency) }
        #expect(error?.message == message)
    }

    @Test func negativesWhenAllowed() throws {
        #expect(try Money.parse("-1,000.25", currency: .usd, allowingNegative: true).minorUnits == -100_025)
        #expect(try Money.parse("-9,999,999,999,999,999.99", currency: .usd, allowingNegative: true).minorUnits == -Money.maxValueMinorUnits)
        #expect(domainError { () throws(DomainError) in
            try Money.parse("-10,000,000,000,000,000.00", currency: .usd, allowingNegative: true)
        } != nil)
        // Sums are parsed with the whole 128-bit range.
        let smallest = "-1701411834604692317316873037158841057.28"
        #expect(try Money.parse(smallest, currency: .usd, allowingNegative: true, largest: .max).minorUnits == .min)
        #expect(domainError { () throws(DomainError) in
            try Money.parse("-1701411834604692317316873037158841057.29", currency: .usd, allowingNegative: true, largest: .max)
        }?.message == "\"-1701411834604692317316873037158841057.29\" is too large; the largest USD amount is 1,701,411,834,604,692,317,316,873,037,158,841,057.27")
    }

    @Test func errorDescriptionNamesTheField() {
        let error = domainError { () throws(DomainError) in try Money.parse("1.234", currency: .usd) }
        #expect(error?.inField("value").description == "value: \"1.234\" has 3 decimals; USD allows 2")
    }
}
