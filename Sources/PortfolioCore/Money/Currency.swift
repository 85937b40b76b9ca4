/// An ISO 4217 currency from the built-in table, with the number of digits of its minor unit.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    /// The three-letter upper-case code, such as `USD`.
    public let code: String
    /// Digits after the decimal point in the minor unit: 2 for USD, 0 for JPY, 3 for KWD.
    public let minorDigits: Int

    private init(known code: String, minorDigits: Int) {
        self.code = code
        self.minorDigits = minorDigits
    }

    /// Looks up a code in `Currency.all`; lower-case input and surrounding spaces are accepted.
    public init(code text: String) throws(DomainError) {
        let code = TextRules.trimmed(text).uppercased()
        let bytes = Array(code.utf8)
        guard bytes.count == 3, bytes.allSatisfy(TextRules.isLetter) else {
            if code.isEmpty { throw DomainError("currency is empty") }
            throw DomainError("\(TextRules.quoted(text)) is not a currency code; use three letters such as USD")
        }
        guard let known = Currency.byCode[code] else {
            throw DomainError("\(TextRules.quoted(text)) is not a known currency; use an ISO 4217 code such as USD, EUR or CNY")
        }
        self = known
    }

    /// The code, such as `USD`.
    public var description: String { code }

    /// The currency for `code`, or `nil` if it is not in the table.
    public static func known(_ code: String) -> Currency? {
        try? Currency(code: code)
    }

    private static let byCode: [String: Currency] = Dictionary(
        all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first }
    )
}

extension Currency {
    /// US dollar, 2 digits.
    public static let usd = Currency(known: "USD", minorDigits: 2)
    /// Euro, 2 digits.
    public static let eur = Currency(known: "EUR", minorDigits: 2)
    /// Chinese yuan renminbi, 2 digits.
    public static let cny = Currency(known: "CNY", minorDigits: 2)
    /// Japanese yen, 0 digits.
    public static let jpy = Currency(known: "JPY", minorDigits: 0)
    /// Kuwaiti dinar, 3 digits.
    public static let kwd = Currency(known: "KWD", minorDigits: 3)

    /// Every supported currency with its minor digits; the database seed is generated from this list.
    public static let all: [Currency] = [
        usd, eur, cny,
        Currency(known: "BYN", minorDigits: 2),
        Currency(known: "RUB", minorDigits: 2),
        Currency(known: "GBP", minorDigits: 2),
        Currency(known: "CHF", minorDigits: 2),
        Currency(known: "KZT", minorDigits: 2),
        Currency(known: "UZS", minorDigits: 2),
        Currency(known: "UAH", minorDigits: 2),
        Currency(known: "PLN", minorDigits: 2),
        Currency(known: "TRY", minorDigits: 2),
        Currency(known: "INR", minorDigits: 2),
        Currency(known: "BRL", minorDigits: 2),
        Currency(known: "ZAR", minorDigits: 2),
        Currency(known: "AUD", minorDigits: 2),
        Currency(known: "CAD", minorDigits: 2),
        Currency(known: "HKD", minorDigits: 2),
        Currency(known: "SGD", minorDigits: 2),
        Currency(known: "AED", minorDigits: 2),
        Currency(known: "SAR", minorDigits: 2),
        Currency(known: "EGP", minorDigits: 2),
        Currency(known: "NGN", minorDigits: 2),
        Currency(known: "KES", minorDigits: 2),
        Currency(known: "ETB", minorDigits: 2),
        Currency(known: "PKR", minorDigits: 2),
        Currency(known: "IDR", minorDigits: 2),
        Currency(known: "VND", minorDigits: 0),
        jpy,
        Currency(known: "KRW", minorDigits: 0),
        Currency(known: "CLP", minorDigits: 0),
        Currency(known: "ISK", minorDigits: 0),
        kwd,
        Currency(known: "BHD", minorDigits: 3),
        Currency(known: "OMR", minorDigits: 3),
        Currency(known: "JOD", minorDigits: 3),
        Currency(known: "TND", minorDigits: 3),
    ]
}
