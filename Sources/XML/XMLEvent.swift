/// What `XMLReader` reads next: the start of an element with its attributes, its end, or text.
public enum XMLEvent: Hashable, Sendable {
    case start(XMLElementStart)
    case end(name: String, line: Int)
    /// Character data (entities and character references resolved, CDATA included), between
    /// two tags; whitespace-only runs included.
    case text(String, line: Int)
}

/// An element's start tag: its qualified name (`xml:lang`, `portfolio:status` as written), its
/// attributes in document order, and the line it starts on.
public struct XMLElementStart: Hashable, Sendable {
    public let name: String
    public let attributes: [XMLAttribute]
    public let line: Int

    public init(name: String, attributes: [XMLAttribute], line: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    /// The value of the attribute named `name` (as written), if any.
    public subscript(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// One attribute: its qualified name as written and its value, references resolved.
public struct XMLAttribute: Hashable, Sendable {
    public let name: String
    public let value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Input that is not well-formed XML, or XML this reader refuses (a DTD), at a line.
public struct XMLError: Error, Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
