// libFuzzer target `money`: Money.parse for USD (2 decimals), JPY (0) and KWD (3), with
// round trips through formatted(). Built by Scripts/fuzz.sh with Sources/PortfolioCore/**.swift.

import Foundation

func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    guard !condition() else { return }
    // -O drops preconditionFailure's message, so print it for the fuzz log first.
    let text = "Fatal error: fuzz invariant: \(message())\n"
    FileHandle.standardError.write(Data(text.utf8))
    preconditionFailure(text)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMoney(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    for currency in [Currency.usd, .jpy, .kwd] {
        let strict = try? Money.parse(text, currency: currency)
        let lenient = try? Money.parse(text, currency: currency, allowingNegative: true)
        if let strict {
            require(!strict.isNegative, "a negative amount without allowingNegative: \(strict.minorUnits)")
            require(lenient == strict, "allowingNegative changed a non-negative amount")
        }
        guard let money = lenient else { continue }
        require(money.currency == currency, "the currency changed")
        for grouping in [false, true] {
            let written = money.formatted(grouping: grouping)
            let back = try? Money.parse(written, currency: currency, allowingNegative: true)
            require(back == money,
                    "\(currency.code) \(money.minorUnits) formats as \(written) (grouping \(grouping)), which reads back as \(String(describing: back?.minorUnits))")
        }
    }
    return 0
}
