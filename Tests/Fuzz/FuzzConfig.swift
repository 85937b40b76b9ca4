// libFuzzer target `config`: the worker settings parsers (durations, listen addresses, queue
// lists, whole numbers).
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
    if case .success(let names?) = QueueSelection.parse(text) {
        require(!names.isEmpty, "\(text.debugDescription) parses to no queue")
        require(Set(names).count == names.count, "\(text.debugDescription) names a queue twice: \(names)")
        for name in names {
            require(!name.isEmpty && name.unicodeScalars.count <= QueueSelection.maximumNameLength, "queue name \(name.debugDescription)")
            require(!name.contains(","), "queue name \(name.debugDescription) holds a comma")
        }
        let back = QueueSelection.parse(names.joined(separator: ","))
        require(back == .success(names), "\(names) reads back as \(back)")
    }

    if case .success(let number) = WholeNumberText.parse(text, in: 1...64) {
        require((1...64).contains(number), "\(text.debugDescription) parses to \(number), out of 1...64")
    }
    return 0
}
