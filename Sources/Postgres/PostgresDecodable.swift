import Foundation

/// A Swift type a column's text-format value decodes into.
public protocol PostgresDecodable: Sendable {
    /// Decodes the text of a non-NULL value of the given column type; nil when the type or
    /// the text does not fit.
    static func decode(postgresText text: String, type: OID) -> Self?
    /// The value that stands for SQL NULL; nil when the type does not admit NULL.
    static var postgresNull: Self? { get }
}

extension PostgresDecodable {
    public static var postgresNull: Self? { nil }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(postgresText text: String, type: OID) -> Self? {
        Wrapped.decode(postgresText: text, type: type).map { .some($0) }
    }
    public static var postgresNull: Self? { .some(.none) }
}

extension String: PostgresDecodable {
    /// Any column decodes as its text form.
    public static func decode(postgresText text: String, type: OID) -> String? { text }
}

extension Int: PostgresDecodable {
    /// Decodes integer columns, and `numeric` values that are whole numbers (as `sum` returns).
    public static func decode(postgresText text: String, type: OID) -> Int? {
        guard OID.integers.contains(type) || type == .numeric || type == .unknown else { return nil }
        return Int(text)
    }
}

extension Int64: PostgresDecodable {
    /// Decodes integer columns, and `numeric` values that are whole numbers (as `sum` returns).
    public static func decode(postgresText text: String, type: OID) -> Int64? {
        guard OID.integers.contains(type) || type == .numeric || type == .unknown else { return nil }
        return Int64(text)
    }
}

extension Int128: PostgresDecodable {
    /// Decodes integer columns, and `numeric` values that are whole numbers and fit 128 bits
    /// (as `sum` over `bigint` returns, and `numeric(38,0)` columns hold).
    public static func decode(postgresText text: String, type: OID) -> Int128? {
        guard OID.integers.contains(type) || type == .numeric || type == .unknown else { return nil }
        return Int128(text)
    }
}

extension Int32: PostgresDecodable {
    public static func decode(postgresText text: String, type: OID) -> Int32? {
        guard OID.integers.contains(type) || type == .unknown else { return nil }
        return Int32(text)
    }
}

extension Int16: PostgresDecodable {
    public static func decode(postgresText text: String, type: OID) -> Int16? {
        guard OID.integers.contains(type) || type == .unknown else { return nil }
        return Int16(text)
    }
}

extension Bool: PostgresDecodable {
    public static func decode(postgresText text: String, type: OID) -> Bool? {
        guard type == .bool || type == .unknown else { return nil }
        switch text {
        case "t", "true": return true
        case "f", "false": return false
        default: return nil
        }
    }
}

extension UUID: PostgresDecodable, PostgresEncodable {
    public static func decode(postgresText text: String, type: OID) -> UUID? {
        guard type == .uuid || OID.texts.contains(type) else { return nil }
        return UUID(uuidString: text)
    }
    public static var postgresType: OID { .uuid }
    public var postgresText: String? { uuidString.lowercased() }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// Decodes a one-dimensional array in PostgreSQL's text form (`{1,2,NULL}`).
    public static func decode(postgresText text: String, type: OID) -> [Element]? {
        let elementType = type.arrayElement ?? .unknown
        guard let items = PostgresArrayParser.parse(text) else { return nil }
        var out: [Element] = []
        out.reserveCapacity(items.count)
        for item in items {
            if let item {
                guard let value = Element.decode(postgresText: item, type: elementType) else { return nil }
                out.append(value)
            } else {
                guard let null = Element.postgresNull else { return nil }
                out.append(null)
            }
        }
        return out
    }
}

/// Reads the text form of a one-dimensional array.
enum PostgresArrayParser {
    static func parse(_ text: String) -> [String?]? {
        var scalars = Array(text.unicodeScalars)
        // Arrays with explicit bounds ("[0:1]={...}") start at the '='.
        if scalars.first == "[", let eq = scalars.firstIndex(of: "=") {
            scalars.removeSubrange(0...eq)
        }
        guard scalars.first == "{", scalars.last == "}" else { return nil }
        var items: [String?] = []
        var index = 1
        let end = scalars.count - 1
        if index == end { return [] }
        while index <= end {
            var item = String.UnicodeScalarView()
            var quoted = false
            if scalars[index] == "\"" {
                quoted = true
                index += 1
                while index < end, scalars[index] != "\"" {
                    if scalars[index] == "\\" { index += 1 }
                    guard index < end else { return nil }
                    item.append(scalars[index])
                    index += 1
                }
                guard index < end else { return nil }
                index += 1  // closing quote
            } else {
                while index < end, scalars[index] != "," {
                    if scalars[index] == "{" { return nil }  // nested arrays are not supported
                    item.append(scalars[index])
                    index += 1
                }
            }
            let value = String(item)
            items.append(!quoted && value == "NULL" ? nil : value)
            guard index <= end else { return nil }
            if index == end { break }
            guard scalars[index] == "," else { return nil }
            index += 1
        }
        return items
    }
}
