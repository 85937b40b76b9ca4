import CSV
import Testing
import TestSupport

@Suite("CSV writer")
struct CSVWriterTests {
    @Test("quoting", arguments: [
        ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""), ("cr\rhere", "\"cr\rhere\""), (" lead", "\" lead\""),
        ("trail ", "\"trail \""), ("\ttab", "\"\ttab\""), ("mid space", "mid space"), ("é✓", "é✓"),
        ("\"\u{301}", "\"\"\"\u{301}\""),
    ])
    func escapes(field: String, written: String) {
        #expect(CSVWriter.escape(field) == written)
    }

    @Test func linesEndInNewline() {
        var writer = CSVWriter()
        writer.write(["a", "b,c"])
        writer.write([""])
        writer.write(["", ""])
        #expect(writer.output == "a,\"b,c\"\n\"\"\n,\n")
    }

    @Test func generatedFieldsRoundTripThroughTheReader() throws {
        var generator = SeededGenerator(seed: 99)
        let pieces = ["a", "Z", "9", ",", "\"", "\n", "\r\n", "\r", " ", "\t", "é", "✓", "中", "=", ";", ""]
        var rows: [[String]] = []
        for _ in 0..<500 {
            let width = Int.random(in: 1...6, using: &generator)
            rows.append((0..<width).map { _ in
                (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            })
        }
        var writer = CSVWriter()
        rows.forEach { writer.write($0) }
        let read = try CSVReader(string: writer.output).map { try $0.get().fields }
        #expect(read == rows)
    }
}

@Suite("CSV writer keeps a leading byte-order mark")
struct CSVWriterBOMTests {
    @Test("a field starting with U+FEFF survives a write and a read")
    func leadingBOM() throws {
        let fields = ["\u{FEFF}abc", "d"]
        var writer = CSVWriter()
        writer.write(fields)
        var reader = CSVReader(string: writer.output)
        let first = reader.next()
        let record = try #require(first).get()
        #expect(record.fields == fields)
    }
}
