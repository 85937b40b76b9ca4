import CSV
import Foundation
import Testing

/// A record or error flattened for comparison.
enum Read: Equatable {
    case record(Int, [String])
    case error(Int, CSVError.Kind)
}

func readAll(_ bytes: [UInt8], options: CSVOptions = CSVOptions()) -> [Read] {
    CSVReader(bytes: bytes, options: options).map { result in
        switch result {
        case .success(let record): .record(record.line, record.fields)
        case .failure(let error): .error(error.line, error.kind)
        }
    }
}

func readAll(_ text: String, options: CSVOptions = CSVOptions()) -> [Read] {
    readAll(Array(text.utf8), options: options)
}

@Suite("CSV reader")
struct CSVReaderTests {
    @Test func simpleRecords() {
        #expect(readAll("a,b,c\n1,2,3\n") == [.record(1, ["a", "b", "c"]), .record(2, ["1", "2", "3"])])
        #expect(readAll("a,b") == [.record(1, ["a", "b"])])
        #expect(readAll("a,\n,\n") == [.record(1, ["a", ""]), .record(2, ["", ""])])
        #expect(readAll("\"\"\n") == [.record(1, [""])])
        #expect(readAll("") == [])
    }

    @Test func quotedFields() {
        #expect(readAll("\"a,b\",\"c\"\"d\",\"\"\n") == [.record(1, ["a,b", "c\"d", ""])])
        #expect(readAll("\"\"\"\"\n") == [.record(1, ["\""])])
        #expect(readAll(" \"a\" ,b\n") == [.error(1, .strayQuote)])
    }

    @Test func embeddedNewlinesKeepLineNumbers() {
        let text = "x,\"line1\nline2\nline3\"\ny,z\n\"a\r\nb\",c\r\nd\n"
        #expect(readAll(text) == [
            .record(1, ["x", "line1\nline2\nline3"]),
            .record(4, ["y", "z"]),
            .record(5, ["a\r\nb", "c"]),
            .record(7, ["d"]),
        ])
    }

    @Test func lineEndings() {
        #expect(readAll("a,b\r\nc,d\r\n") == [.record(1, ["a", "b"]), .record(2, ["c", "d"])])
        #expect(readAll("a\rb\rc") == [.record(1, ["a"]), .record(2, ["b"]), .record(3, ["c"])])
        #expect(readAll("a\r\n\r\nb\n") == [.record(1, ["a"]), .record(3, ["b"])])
        #expect(readAll("\"a\rb\"\n") == [.record(1, ["a\rb"])])
    }

    @Test func emptyLinesAreSkipped() {
        #expect(readAll("\n\na\n\n\nb\n\n") == [.record(3, ["a"]), .record(6, ["b"])])
    }

    @Test func byteOrderMarkIsSkipped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("code,name\nX,Y\n".utf8)
        #expect(readAll(bytes) == [.record(1, ["code", "name"]), .record(2, ["X", "Y"])])
        #expect(readAll(bytes, options: CSVOptions(chunkSize: 1)) == [.record(1, ["code", "name"]), .record(2, ["X", "Y"])])
        #expect(readAll([0xEF, 0xBB, 0xBF]) == [])
        // A BOM later in the file is data, and a partial BOM is invalid UTF-8.
        #expect(readAll(Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b\n".utf8)) == [.record(1, ["a"]), .record(2, ["\u{FEFF}b"])])
        #expect(readAll([0xEF, 0xBB, 0x41, 0x0A]) == [.error(1, .invalidUTF8)])
        #expect(readAll([0xEF], options: CSVOptions(chunkSize: 1)) == [.error(1, .invalidUTF8)])
    }

    @Test func invalidUTF8DoesNotStopReading() {
        let bytes: [UInt8] = Array("ok,1\n".utf8) + [0x61, 0xFF, 0x2C, 0x62, 0x0A] + Array("next,2\n".utf8)
        #expect(readAll(bytes) == [.record(1, ["ok", "1"]), .error(2, .invalidUTF8), .record(3, ["next", "2"])])
        if case .failure(let failure) = CSVReader(bytes: [0x61, 0x2C, 0xC3, 0x28]).first(where: { _ in true }) {
            #expect(failure.description == "line 1: field 2 is not valid UTF-8")
        } else {
            Issue.record("expected a failure")
        }
    }

    @Test func unterminatedQuoteAtEndOfInput() throws {
        let results = Array(CSVReader(string: "a,b\nc,\"open\nmore\n"))
        #expect(results.count == 2)
        #expect(try results[0].get() == CSVRecord(line: 1, fields: ["a", "b"]))
        guard case .failure(let error) = results[1] else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.kind == .unterminatedQuote)
        #expect(error.description == "line 2: field 2 opens a quote on line 2 that is never closed")
    }

    @Test func strayQuotesAreReportedAndReadingGoesOn() {
        #expect(readAll("ab\"c,d\nok\n") == [.error(1, .strayQuote), .record(2, ["ok"])])
        #expect(readAll("\"ab\"c,d\nok\n") == [.error(1, .strayQuote), .record(2, ["ok"])])
    }

    @Test("a 1 MB field is refused and the next record still reads", arguments: [false, true])
    func largeField(quoted: Bool) {
        let big = String(repeating: "x", count: 1_048_576)
        let field = quoted ? "\"\(big)\"" : big
        #expect(readAll("a,\(field),c\nnext\n") == [.error(1, .fieldTooLarge), .record(2, ["next"])])
    }

    @Test func fieldLimitBoundary() {
        let options = CSVOptions(maxFieldBytes: 8)
        #expect(readAll("12345678,x\n", options: options) == [.record(1, ["12345678", "x"])])
        #expect(readAll("123456789,x\n", options: options) == [.error(1, .fieldTooLarge)])
        #expect(readAll("\"12345678\"\n\"123456789\"\n", options: options) == [.record(1, ["12345678"]), .error(2, .fieldTooLarge)])
    }

    static let tricky = "\u{FEFF}h1,h2\r\n\"q,1\",\"multi\r\nline\"\n\nplain,\"\"\"x\"\"\"\rlast,é✓\n\"open"

    @Test("chunk size does not change the result", arguments: [1, 2, 3, 5, 7, 64, 65_536])
    func chunking(size: Int) {
        let expected = readAll(Self.tricky)
        #expect(expected.count == 5)
        #expect(readAll(Self.tricky, options: CSVOptions(chunkSize: size)) == expected)
    }

    @Test func readsFilesInChunks() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        try Data(Self.tricky.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(path: url.path, options: CSVOptions(chunkSize: 3))
        let fromFile: [Read] = reader.map { result in
            switch result {
            case .success(let record): .record(record.line, record.fields)
            case .failure(let error): .error(error.line, error.kind)
            }
        }
        #expect(fromFile == readAll(Self.tricky))
        #expect(throws: (any Error).self) { try CSVReader(path: url.path + ".missing") }
    }

    struct FailingSource: CSVByteSource {
        var sent = false
        mutating func nextChunk() throws -> [UInt8]? {
            if sent { throw CocoaError(.fileReadUnknown) }
            sent = true
            return Array("a,b\nc".utf8)
        }
    }

    @Test func readFailureEndsTheSequence() throws {
        let results = Array(CSVReader(source: FailingSource()))
        #expect(results.count == 2)
        #expect(try results[0].get().fields == ["a", "b"])
        if case .failure(let error) = results[1] {
            #expect(error.kind == .readFailed)
        } else {
            Issue.record("expected a read failure")
        }
    }

    @Test func parserCanBeFedDirectly() throws {
        var parser = CSVParser()
        parser.feed(Array("a,\"b".utf8))
        #expect(parser.next() == nil)
        parser.feed(Array("\"\nc".utf8))
        #expect(try parser.next()?.get() == CSVRecord(line: 1, fields: ["a", "b"]))
        #expect(parser.next() == nil)
        parser.finish()
        #expect(try parser.next()?.get() == CSVRecord(line: 2, fields: ["c"]))
    }

    @Test func hundredThousandRowsReadInOnePass() async {
        var text = "code,name,value\n"
        for row in 0..<100_000 {
            // Long arithmetic gives the cooperative pool back now and then.
            if row % 10_000 == 0 { await Task.yield() }
            text += row % 10 == 0
                ? "P-\(row),\"Project, \"\"\(row)\"\"\nsecond line\",\(row).50\n"
                : "P-\(row),Project \(row),\(row).50\n"
        }
        let bytes = Array(text.utf8)
        let clock = ContinuousClock()
        var records = 0
        var lastLine = 0
        let elapsed = clock.measure {
            for result in CSVReader(bytes: bytes) {
                if case .success(let record) = result {
                    records += 1
                    lastLine = record.line
                }
            }
        }
        #expect(records == 100_001)
        #expect(lastLine == 100_001 + 10_000)
        print("CSVReader: 100k rows, \(bytes.count) bytes in \(elapsed)")
    }
}
