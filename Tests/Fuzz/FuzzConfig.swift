// libFuzzer target `config`: DurationText.parse and ListenAddress.parse.
// Built by Scripts/fuzz.sh with Sources/PortfolioJobs/Configuration/*.swift.

import Foundation

func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    guard !condition() else { return }
    // -O drops preconditionFailure's message, so print it for the fuzz log first.
    let text = "Fatal error: fuzz invariant: \(message())\n"
    FileHandle.standardError.write(Data(text.utf8))
    preconditionFailure(text)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)

    if case .success(let duration) = DurationText.parse(text) {
        require(duration > .zero, "\(text.debugDescription) parses to \(duration), not more than zero")
        require(duration <= .seconds(366 * 86_400), "\(text.debugDescription) parses to \(duration), over 366 days")
    }

    if case .success(let address?) = ListenAddress.parse(text) {
        require((0...65_535).contains(address.port), "port \(address.port)")
        require(!address.host.isEmpty, "empty host")
        // description is what logs show; it must read back as the same address.
        let back = ListenAddress.parse(address.description)
        require(back == .success(address), "\(address.description) reads back as \(back)")
    }
    return 0
}
