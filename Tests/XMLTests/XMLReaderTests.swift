import Testing
import XML

/// The streaming XML reader: events, references, lines, chunk boundaries and refusals.
@Suite("Streaming XML reader")
struct XMLReaderTests {
    /// Every event of `text`, read `chunk` bytes at a time.
    static func events(_ text: String, chunk: Int = 3) throws -> [XMLEvent] {
        var bytes = Array(text.utf8)[...]
        var reader = XMLReader {
            guard !bytes.isEmpty else { return nil }
            let piece = Array(bytes.prefix(chunk))
            bytes = bytes.dropFirst(chunk)
            return piece
        }
        var out: [XMLEvent] = []
        while let event = try reader.next() { out.append(event) }
        return out
    }

    @Test("elements, attributes, text, references and CDATA, whatever the chunk size", arguments: [1, 2, 3, 7, 4096])
    func events(chunk: Int) throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment -->
            <root a="1" b='x &amp; &quot;y&quot;' xml:lang="en">
              <item code="2"/>
              <n>A &lt;b&gt; &#233;&#x1F600; <![CDATA[<raw> & ]]></n>
            </root>
            """
        let events = try Self.events(text, chunk: chunk)
        let starts = events.compactMap { if case .start(let start) = $0 { start } else { nil } }
        #expect(starts.map(\.name) == ["root", "item", "n"])
        #expect(starts[0]["b"] == "x & \"y\"")
        #expect(starts[0]["xml:lang"] == "en")
        #expect(starts[1].line == 4)
        #expect(starts[2].line == 5)
        let texts = events.compactMap { if case .text(let text, _) = $0 { text } else { nil } }
        #expect(texts.contains("A <b> é😀 "))
        #expect(texts.contains("<raw> & "))
        let ends = events.compactMap { if case .end(let name, _) = $0 { name } else { nil } }
        #expect(ends == ["item", "n", "root"])
    }

    @Test("what is not well-formed, or a DTD, is refused with its line", arguments: [
        ("<a><b></a>", 1, "where </b> was expected"),
        ("<a>\n<b x=1/></a>", 2, "must be quoted"),
        ("<a x='1' x='2'/>", 1, "appears twice"),
        ("<a>&bogus;</a>", 1, "unknown entity"),
        ("<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>", 1, "document type declarations"),
        ("<a></a><b/>", 1, "a second root"),
        ("<a>\n\n<b>", 3, "ends inside"),
        ("text<a/>", 1, "outside the root"),
        ("<a>&#0;</a>", 1, "not a character XML allows"),
        ("", 1, "no root element"),
        ("<a>]]></a>", 1, "']]>' in text"),
        ("<a b='1'c='2'/>", 1, "separated by whitespace"),
    ])
    func refused(text: String, line: Int, message: String) throws {
        let error = try #require(throws: XMLError.self) { _ = try Self.events(text) }
        #expect(error.line == line, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("bytes that are not UTF-8 are refused")
    func notUTF8() throws {
        var sent = false
        var reader = XMLReader {
            defer { sent = true }
            return sent ? nil : [UInt8(ascii: "<"), UInt8(ascii: "a"), UInt8(ascii: ">"), 0xFF, UInt8(ascii: "<"), UInt8(ascii: "/"),
                                 UInt8(ascii: "a"), UInt8(ascii: ">")]
        }
        #expect(throws: XMLError.self) { while try reader.next() != nil {} }
    }

    @Test("a deep nesting is refused, not followed down")
    func depth() throws {
        let text = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        let error = try #require(throws: XMLError.self) { _ = try Self.events(text, chunk: 4096) }
        #expect(error.message.contains("deeper than"))
    }
}
