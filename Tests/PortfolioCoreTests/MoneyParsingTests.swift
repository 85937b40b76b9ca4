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
        ("92233720368547758.07", Int64.max),
    ])
    func accepts(text: String, minorUnits: Int64) throws {
        #expect(try Money.parse(text, currency: .usd) == Money(minorUnits: minorUnits, currency: .usd))
    }

    @Test("every refusal says why and quotes the input", arguments: [
        ("-5", Currency.usd, "\"-5\" must not be negative"),
        ("-0.01", .usd, "\"-0.01\" must not be negative"),
        ("1.234", .usd, "\"1.234\" has 3 decimals; USD allows 2"),
        ("1.230", .usd, "\"1.230\" has 3 decimals; USD allows 2"),
        ("5.5", .jpy, "\"5.5\" has 1 decimal; JPY allows none"),
        ("1.2345", .kwd, "\"1.2345\" has 4 decimals; KWD allows 3"),
        ("92233720368547758.08", .usd,
         "\"92233720368547758.08\" is too large; the largest USD amount is 92,233,720,368,547,758.07"),
        ("99999999999999999999999", .jpy,
         "\"99999999999999999999999\" is too large; the largest JPY amount is 9,223,372,036,854,775,807"),
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
        #expect(try Money.parse("-92233720368547758.08", currency: .usd, allowingNegative: true).minorUnits == .min)
        #expect(domainError { () throws(DomainError) in
            try Money.parse("-92233720368547758.09", currency: .usd, allowingNegative: true)
        } != nil)
    }

    @Test func errorDescriptionNamesTheField() {
        let error = domainError { () throws(DomainError) in try Money.parse("1.234", currency: .usd) }
        #expect(error?.inField("value").description == "value: \"1.234\" has 3 decimals; USD allows 2")
    }
}
