import Foundation
import PortfolioCore
import Testing

@Suite("Currency")
struct CurrencyTests {
    static let required: [(String, Int)] = [
        ("USD", 2), ("EUR", 2), ("CNY", 2), ("BYN", 2), ("RUB", 2), ("GBP", 2), ("CHF", 2), ("KZT", 2),
        ("UZS", 2), ("UAH", 2), ("PLN", 2), ("TRY", 2), ("INR", 2), ("BRL", 2), ("ZAR", 2), ("AUD", 2),
        ("CAD", 2), ("HKD", 2), ("SGD", 2), ("AED", 2), ("SAR", 2), ("EGP", 2), ("NGN", 2), ("KES", 2),
        ("ETB", 2), ("PKR", 2), ("IDR", 2), ("VND", 0), ("JPY", 0), ("KRW", 0), ("CLP", 0), ("ISK", 0),
        ("KWD", 3), ("BHD", 3), ("OMR", 3), ("JOD", 3), ("TND", 3),
    ]

    @Test("the table holds every required currency with its minor digits", arguments: required)
    func requiredCurrency(code: String, digits: Int) throws {
        let currency = try Currency(code: code)
        #expect(currency.code == code)
        #expect(currency.minorDigits == digits)
        #expect(Currency.all.contains(currency))
    }

    @Test func tableCodesAreUniqueAndWellFormed() {
        let codes = Currency.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        for currency in Currency.all {
            #expect(currency.code.count == 3 && currency.code.allSatisfy { $0.isUppercase && $0.isASCII })
            #expect([0, 2, 3].contains(currency.minorDigits))
        }
    }

    @Test("lower case and spaces are accepted", arguments: ["usd", " Usd ", "USD"])
    func normalises(text: String) throws {
        #expect(try Currency(code: text) == .usd)
    }

    @Test("bad codes are refused with a reason", arguments: [
        ("XYZ", "\"XYZ\" is not a known currency; use an ISO 4217 code such as USD, EUR or CNY"),
        ("US", "\"US\" is not a currency code; use three letters such as USD"),
        ("US1", "\"US1\" is not a currency code; use three letters such as USD"),
        ("", "currency is empty"),
    ])
    func refuses(text: String, message: String) {
        #expect(domainError { () throws(DomainError) in try Currency(code: text) }?.message == message)
    }

    @Test func codableAsCode() throws {
        let data = try JSONEncoder().encode([Currency.kwd])
        #expect(String(decoding: data, as: UTF8.self) == "[\"KWD\"]")
        #expect(try JSONDecoder().decode([Currency].self, from: data) == [.kwd])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Currency].self, from: Data("[\"ABC\"]".utf8))
        }
    }
}
