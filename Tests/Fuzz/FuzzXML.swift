// libFuzzer target `xml`: XMLReader over arbitrary bytes, whole and in small chunks, then
// IATIActivityReader and IATIImportMapping over the same bytes. Built by Scripts/fuzz.sh
// together with Sources/PortfolioCore/**.swift against the XML module; not a SwiftPM target.

import Foundation
import XML

/// Traps with `message` so libFuzzer reports the input as a crash.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    guard !condition() else { return }
    let text = "Fatal error: fuzz invariant: \(message())\n"
    FileHandle.standardError.write(Data(text.utf8))
    preconditionFailure(text)
}

/// A chunk source over `bytes`, `size` bytes at a time.
func chunks(_ bytes: [UInt8], _ size: Int) -> () throws -> [UInt8]? {
    var rest = bytes[...]
    return {
        guard !rest.isEmpty else { return nil }
        let piece = Array(rest.prefix(size))
        rest = rest.dropFirst(size)
        return piece
    }
}

/// Every event, or the error that ended the reading; lines never go backwards nor past the end.
func events(_ bytes: [UInt8], chunk: Int, lines: Int) -> (events: [XMLEvent], error: XMLError?) {
    var reader = XMLReader(chunks(bytes, chunk))
    var out: [XMLEvent] = []
    var depth = 0
    do {
        while let event = try reader.next() {
            switch event {
            case .start(let start):
                require(start.line <= lines + 1, "a start tag on line \(start.line), past the last line \(lines + 1)")
                depth += 1
            case .end: depth -= 1
            case .text: break
            }
            require(depth >= 0, "more end tags than start tags")
            out.append(event)
        }
        require(depth == 0, "the document ended with \(depth) elements open")
        return (out, nil)
    } catch let error as XMLError {
        require(error.line >= 1 && error.line <= lines + 1, "an error on line \(error.line), past the last line \(lines + 1)")
        return (out, error)
    } catch {
        require(false, "an error that is not an XMLError: \(error)")
        return (out, nil)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let lines = bytes.filter { $0 == 0x0A || $0 == 0x0D }.count
    let whole = events(bytes, chunk: 4096, lines: lines)
    // The reader promises the same events whatever the chunk size.
    for chunk in [1, 2 + size % 5] {
        let chunked = events(bytes, chunk: chunk, lines: lines)
        require(chunked.events == whole.events, "chunk size \(chunk) gives different events")
        require(chunked.error == whole.error, "chunk size \(chunk) gives a different error")
    }
    // Through the IATI reader and mapping: records or an error, never a crash.
    var reader = IATIActivityReader(chunks(bytes, 4096))
    while true {
        guard let record = try? reader.next() else { break }
        switch IATIImportMapping.map(record) {
        case .success(let imported):
            require(!imported.project.lenders.isEmpty, "a project without lenders")
        case .failure(let failure):
            require(!failure.problems.isEmpty, "a refusal without a problem")
        }
    }
    return 0
}
