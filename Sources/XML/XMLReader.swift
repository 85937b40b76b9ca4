/// A streaming reader of XML 1.0 in UTF-8: it pulls bytes in chunks and hands out one event at a
/// time, so a file of any size is read in memory bounded by its largest element's tag or text.
///
/// It checks well-formedness (names, quoting, nesting, one root, references, UTF-8) and
/// refuses document type declarations, so no entity is ever expanded. Comments and processing
/// instructions (the XML declaration among them) are skipped. Namespace prefixes are kept as
/// written; callers map them.
public struct XMLReader {
    /// The longest tag, text run or attribute value accepted, in bytes.
    public static let maximumTokenBytes = 16 << 20
    /// The deepest nesting accepted.
    public static let maximumDepth = 256

    private let nextChunk: () throws -> [UInt8]?
    private var buffer: [UInt8] = []
    private var index = 0
    private var atEnd = false
    private(set) public var line = 1
    private var open: [String] = []
    private var sawRoot = false
    private var pendingEnd: (name: String, line: Int)?

    /// Reads the chunks `nextChunk` returns until it returns nil.
    public init(_ nextChunk: @escaping () throws -> [UInt8]?) {
        self.nextChunk = nextChunk
    }

    /// The next event, or nil at the end of a well-formed document.
    public mutating func next() throws -> XMLEvent? {
        if let end = pendingEnd {
            pendingEnd = nil
            return .end(name: end.name, line: end.line)
        }
        while true {
            guard let byte = try peek() else {
                if !open.isEmpty { throw XMLError(line: line, message: "the input ends inside <\(open[open.count - 1])>") }
                if !sawRoot { throw XMLError(line: line, message: "no root element") }
                return nil
            }
            if byte != UInt8(ascii: "<") {
                let start = line
                let text = try readText()
                if open.isEmpty {
                    guard text.allSatisfy(\.isWhitespace) else {
                        throw XMLError(line: start, message: "text outside the root element")
                    }
                    continue
                }
                return .text(text, line: start)
            }
            if try startsWith("<!--") {
                try skip(past: "-->", what: "a comment")
                continue
            }
            if try startsWith("<?") {
                try skip(past: "?>", what: "a processing instruction")
                continue
            }
            if try startsWith("<![CDATA[") {
                guard !open.isEmpty else { throw XMLError(line: line, message: "CDATA outside the root element") }
                let start = line
                index += 9
                return .text(try readCDATA(), line: start)
            }
            if try startsWith("<!") {
                throw XMLError(line: line, message: "document type declarations are not accepted")
            }
            if try startsWith("</") {
                return try readEndTag()
            }
            return try readStartTag()
        }
    }

    // MARK: Tags

    private mutating func readStartTag() throws -> XMLEvent {
        let start = line
        index += 1
        let name = try readName()
        if open.isEmpty && sawRoot { throw XMLError(line: start, message: "a second root element <\(name)>") }
        var attributes: [XMLAttribute] = []
        while true {
            let spaced = try skipWhitespace()
            guard let byte = try peek() else { throw XMLError(line: line, message: "the input ends inside the tag <\(name)>") }
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") {
                index += 1
                let closes = byte == UInt8(ascii: "/")
                if closes {
                    guard try peek() == UInt8(ascii: ">") else { throw XMLError(line: line, message: "'/' not followed by '>' in <\(name)>") }
                    index += 1
                }
                sawRoot = true
                if closes {
                    pendingEnd = (name, line)
                } else {
                    guard open.count < Self.maximumDepth else { throw XMLError(line: start, message: "elements nested deeper than \(Self.maximumDepth)") }
                    open.append(name)
                }
                return .start(XMLElementStart(name: name, attributes: attributes, line: start))
            }
            guard spaced else { throw XMLError(line: line, message: "attributes of <\(name)> must be separated by whitespace") }
            let attribute = try readName()
            _ = try skipWhitespace()
            guard try peek() == UInt8(ascii: "=") else { throw XMLError(line: line, message: "attribute \(attribute) of <\(name)> has no value") }
            index += 1
            _ = try skipWhitespace()
            let value = try readAttributeValue()
            if attributes.contains(where: { $0.name == attribute }) {
                throw XMLError(line: start, message: "attribute \(attribute) appears twice in <\(name)>")
            }
            attributes.append(XMLAttribute(name: attribute, value: value))
        }
    }

    private mutating func readEndTag() throws -> XMLEvent {
        let start = line
        index += 2
        let name = try readName()
        _ = try skipWhitespace()
        guard try peek() == UInt8(ascii: ">") else { throw XMLError(line: line, message: "</\(name) is not closed by '>'") }
        index += 1
        guard let expected = open.last else { throw XMLError(line: start, message: "</\(name)> closes no element") }
        guard expected == name else { throw XMLError(line: start, message: "</\(name)> where </\(expected)> was expected") }
        open.removeLast()
        return .end(name: name, line: start)
    }

    private mutating func readName() throws -> String {
        var bytes: [UInt8] = []
        while let byte = try peek(), Self.isNameByte(byte, first: bytes.isEmpty) {
            bytes.append(byte)
            index += 1
            if bytes.count > 1000 { throw XMLError(line: line, message: "a name longer than 1000 bytes") }
        }
        guard !bytes.isEmpty else { throw XMLError(line: line, message: "a name was expected") }
        return try Self.string(bytes, line: line)
    }

    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...0xFF:
            return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return !first
        default:
            return false
        }
    }

    private mutating func readAttributeValue() throws -> String {
        guard let quote = try peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw XMLError(line: line, message: "an attribute value must be quoted")
        }
        index += 1
        var bytes: [UInt8] = []
        while true {
            guard let byte = try peek() else { throw XMLError(line: line, message: "the input ends inside an attribute value") }
            index += 1
            if byte == quote { break }
            switch byte {
            case UInt8(ascii: "<"): throw XMLError(line: line, message: "'<' in an attribute value")
            case UInt8(ascii: "&"): bytes += try readReference()
            case UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                if byte == UInt8(ascii: "\n") { line += 1 }
                bytes.append(UInt8(ascii: " "))
            default: bytes.append(byte)
            }
            if bytes.count > Self.maximumTokenBytes { throw XMLError(line: line, message: "an attribute value longer than \(Self.maximumTokenBytes) bytes") }
        }
        return try Self.string(bytes, line: line)
    }

    // MARK: Text

    private mutating func readText() throws -> String {
        var bytes: [UInt8] = []
        while let byte = try peek(), byte != UInt8(ascii: "<") {
            index += 1
            switch byte {
            case UInt8(ascii: "&"): bytes += try readReference()
            case UInt8(ascii: "\r"):
                // Line ends are normalised to a line feed.
                if try peek() != UInt8(ascii: "\n") {
                    line += 1
                    bytes.append(UInt8(ascii: "\n"))
                }
            default:
                if byte == UInt8(ascii: "\n") { line += 1 }
                if byte == UInt8(ascii: ">"), bytes.count >= 2, bytes[bytes.count - 1] == UInt8(ascii: "]"), bytes[bytes.count - 2] == UInt8(ascii: "]") {
                    throw XMLError(line: line, message: "']]>' in text")
                }
                bytes.append(byte)
            }
            if bytes.count > Self.maximumTokenBytes { throw XMLError(line: line, message: "a text longer than \(Self.maximumTokenBytes) bytes") }
        }
        return try Self.string(bytes, line: line)
    }

    private mutating func readCDATA() throws -> String {
        var bytes: [UInt8] = []
        while true {
            guard let byte = try peek() else { throw XMLError(line: line, message: "the input ends inside CDATA") }
            if byte == UInt8(ascii: "]"), try startsWith("]]>") {
                index += 3
                return try Self.string(bytes, line: line)
            }
            index += 1
            if byte == UInt8(ascii: "\n") { line += 1 }
            bytes.append(byte)
            if bytes.count > Self.maximumTokenBytes { throw XMLError(line: line, message: "CDATA longer than \(Self.maximumTokenBytes) bytes") }
        }
    }

    /// A reference after its `&`: one of the five predefined entities or a character reference.
    private mutating func readReference() throws -> [UInt8] {
        var name: [UInt8] = []
        while true {
            guard let byte = try peek() else { throw XMLError(line: line, message: "the input ends inside a reference") }
            index += 1
            if byte == UInt8(ascii: ";") { break }
            name.append(byte)
            if name.count > 12 { throw XMLError(line: line, message: "a reference without ';'") }
        }
        let text = String(decoding: name, as: UTF8.self)
        switch text {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            let value: UInt32?
            if text.hasPrefix("#x") {
                value = UInt32(text.dropFirst(2), radix: 16)
            } else if text.hasPrefix("#") {
                value = UInt32(text.dropFirst(), radix: 10)
            } else {
                throw XMLError(line: line, message: "unknown entity &\(text.prefix(12));")
            }
            guard let value, let scalar = Unicode.Scalar(value), Self.isXMLCharacter(scalar) else {
                throw XMLError(line: line, message: "&\(text); is not a character XML allows")
            }
            return Array(String(Character(scalar)).utf8)
        }
    }

    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Decodes UTF-8, refusing invalid bytes and characters XML does not allow.
    private static func string(_ bytes: [UInt8], line: Int) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw XMLError(line: line, message: "bytes that are not UTF-8")
        }
        if let bad = text.unicodeScalars.first(where: { !isXMLCharacter($0) }) {
            throw XMLError(line: line, message: "the character U+\(String(bad.value, radix: 16, uppercase: true)) is not allowed in XML")
        }
        return text
    }

    // MARK: Bytes

    private mutating func peek() throws -> UInt8? {
        if index < buffer.count { return buffer[index] }
        try refill(atLeast: 1)
        return index < buffer.count ? buffer[index] : nil
    }

    private mutating func startsWith(_ literal: StaticString) throws -> Bool {
        let count = literal.utf8CodeUnitCount
        if buffer.count - index < count { try refill(atLeast: count) }
        guard buffer.count - index >= count else { return false }
        return literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { buffer[index + $0] == expected[$0] }
        }
    }

    private mutating func skip(past terminator: StaticString, what: String) throws {
        let start = line
        while true {
            guard let byte = try peek() else { throw XMLError(line: start, message: "the input ends inside \(what)") }
            if try startsWith(terminator) {
                index += terminator.utf8CodeUnitCount
                return
            }
            if byte == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
    }

    @discardableResult
    private mutating func skipWhitespace() throws -> Bool {
        var skipped = false
        while let byte = try peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            if byte == 0x0A { line += 1 }
            index += 1
            skipped = true
        }
        return skipped
    }

    /// Drops the bytes read and appends chunks until `count` bytes are unread or the input ends.
    private mutating func refill(atLeast count: Int) throws {
        if index > 0 {
            buffer.removeFirst(index)
            index = 0
        }
        while !atEnd && buffer.count < count {
            guard let chunk = try nextChunk() else {
                atEnd = true
                break
            }
            buffer += chunk
        }
    }
}
