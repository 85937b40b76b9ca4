// libFuzzer target `csv`: CSVReader over arbitrary bytes, then ProjectCSV when the first
// record is a valid project header. Built by Scripts/fuzz.sh together with
// Sources/PortfolioCore/**.swift against the CSV module; not a SwiftPM target.

import CSV
import Foundation

/// Traps with `message` so libFuzzer reports the input as a crash.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    guard !condition() else { return }
    // -O drops preconditionFailure's message, so print it for the fuzz log first.
    let text = "Fatal error: fuzz invariant: \(message())\n"
    FileHandle.standardError.write(Data(text.utf8))
    preconditionFailure(text)
}

func line(of result: Result<CSVRecord, CSVError>) -> Int {
    switch result {
    case .success(let record): record.line
    case .failure(let error): error.line
    }
}

/// Reads everything, checking that record and error lines are in 1...(line breaks + 1)
/// and never go backwards.
func readAll(_ bytes: [UInt8], _ options: CSVOptions, lineBreaks: Int) -> [Result<CSVRecord, CSVError>] {
    var results: [Result<CSVRecord, CSVError>] = []
    var previous = 1
    for result in CSVReader(bytes: bytes, options: options) {
        let current = line(of: result)
        require(current >= previous, "line numbers went backwards: \(previous) then \(current)")
        require(current <= lineBreaks + 1, "line \(current) is past the last line \(lineBreaks + 1)")
        if case .success(let record) = result {
            require(!record.fields.isEmpty, "a record with no fields on line \(current)")
            for field in record.fields {
                require(field.utf8.count <= options.maxFieldBytes, "a field longer than maxFieldBytes")
            }
        }
        if case .failure(let error) = result {
            require(error.kind != .readFailed, "a memory source failed to read")
        }
        previous = current
        results.append(result)
        require(results.count <= bytes.count + 1, "more results than input bytes")
    }
    return results
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // CR, LF and CRLF each count as one line break; an upper bound is enough here.
    let lineBreaks = bytes.filter { $0 == 0x0A || $0 == 0x0D }.count

    let whole = readAll(bytes, CSVOptions(), lineBreaks: lineBreaks)

    // The parser promises chunks "of any size": small chunks must give the same results.
    for chunkSize in [1, 2 + size % 7] {
        let chunked = readAll(bytes, CSVOptions(chunkSize: chunkSize), lineBreaks: lineBreaks)
        require(chunked == whole, "chunk size \(chunkSize) gives different results")
    }
    // A tiny field limit exercises the too-large path.
    _ = readAll(bytes, CSVOptions(maxFieldBytes: 4 + size % 5, chunkSize: 3), lineBreaks: lineBreaks)

    // Through ProjectCSV when the first record is a valid header.
    guard case .success(let first)? = whole.first,
          let csv = try? ProjectCSV(header: first.fields) else { return 0 }
    let writtenHeader = try! ProjectCSV(header: ProjectCSV.header)
    for case .success(let record) in whole.dropFirst() {
        _ = csv.decode(record)
        guard case .success(let content) = csv.decodeValidated(record) else { continue }
        // encode(_:) writes "the text forms decode(_:) reads back" (description is not written).
        let project = Project(content, version: 1, createdAt: .init(timeIntervalSince1970: 0),
                              updatedAt: .init(timeIntervalSince1970: 0))
        let fields = ProjectCSV.encode(project)
        let reread = CSVRecord(line: 2, fields: fields)
        guard case .success(let back) = writtenHeader.decodeValidated(reread) else {
            require(false, "an imported project does not read back from its export: \(fields)"); continue
        }
        require(back.code == content.code && back.name == content.name && back.sectorCode == content.sectorCode
                && back.status == content.status && back.value == content.value
                && back.valueDate == content.valueDate && back.lenders == content.lenders
                && back.startDate == content.startDate && back.endDate == content.endDate
                && back.location == content.location,
                "export/import round trip changed the project: \(fields)")
    }
    return 0
}
