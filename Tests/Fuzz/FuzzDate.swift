// libFuzzer target `date`: LocalDate.parse and ExactDecimal.parse with round trips.
// Built by Scripts/fuzz.sh with Sources/PortfolioCore/**.swift.

import Foundation

func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    guard !condition() else { return }
    // -O drops preconditionFailure's message, so print it for the fuzz log first.
    let text = "Fatal error: fuzz invariant: \(message())\n"
    FileHandle.standardError.write(Data(text.utf8))
    preconditionFailure(text)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)

    if let date = try? LocalDate.parse(text) {
        let written = date.description
        require((try? LocalDate.parse(written)) == date, "\(written) does not read back")
        require(written == TextRules.trimmed(text), "\(written) differs from its input")
        require(LocalDate.supportedYears.contains(date.year), "year out of range")
        require((try? LocalDate(daysSinceEpoch: date.daysSinceEpoch)) == date, "\(written) day count round trip")
    }

    if let number = try? ExactDecimal.parse(text) {
        let written = number.description
        let back = try? ExactDecimal.parse(written)
        require(back == number, "\(written) reads back as \(String(describing: back))")
        require((0...ExactDecimal.maxScale).contains(number.scale), "scale \(number.scale)")
        require(number.scale == 0 || number.mantissa % 10 != 0, "\(written) is not normalised")
        require(!(number < number), "x < x")
    }
    return 0
}
