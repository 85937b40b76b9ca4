/// One bound parameter: its type OID and its text form, or NULL.
public struct PostgresBind: Sendable, Hashable {
    public var type: OID
    /// The text-format value; nil is SQL NULL.
    public var text: String?

    public init(type: OID, text: String?) {
        self.type = type
        self.text = text
    }

    /// Binds a value with its own type.
    public init<Value: PostgresEncodable>(_ value: Value) {
        self.type = Value.postgresType
        self.text = value.postgresText
    }

    /// A NULL of the given type.
    public static func null(_ type: OID) -> PostgresBind { PostgresBind(type: type, text: nil) }
}

/// A Swift value that can be sent as a query parameter in text format.
public protocol PostgresEncodable: Sendable {
    /// The type OID sent with the parameter.
    static var postgresType: OID { get }
    /// The text form PostgreSQL parses for that type; nil is NULL.
    var postgresText: String? { get }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: OID { Wrapped.postgresType }
    public var postgresText: String? {
        switch self {
        case .none: nil
        case .some(let value): value.postgresText
        }
    }
}

extension String: PostgresEncodable {
    public static var postgresType: OID { .text }
    public var postgresText: String? { self }
}

extension Substring: PostgresEncodable {
    public static var postgresType: OID { .text }
    public var postgresText: String? { String(self) }
}

extension Int: PostgresEncodable {
    public static var postgresType: OID { .int8 }
    public var postgresText: String? { String(self) }
}

extension Int64: PostgresEncodable {
    public static var postgresType: OID { .int8 }
    public var postgresText: String? { String(self) }
}

extension Int128: PostgresEncodable {
    /// Sent as `numeric`, which holds every 128-bit integer; PostgreSQL casts it to `bigint` where
    /// a column needs one, refusing a value out of that range.
    public static var postgresType: OID { .numeric }
    public var postgresText: String? { String(self) }
}

extension Int32: PostgresEncodable {
    public static var postgresType: OID { .int4 }
    public var postgresText: String? { String(self) }
}

extension Int16: PostgresEncodable {
    public static var postgresType: OID { .int2 }
    public var postgresText: String? { String(self) }
}

extension Bool: PostgresEncodable {
    public static var postgresType: OID { .bool }
    public var postgresText: String? { self ? "t" : "f" }
}

extension Array: PostgresEncodable where Element: PostgresEncodable {
    public static var postgresType: OID {
        switch Element.postgresType {
        case .int8: .int8Array
        case .int4: .int4Array
        case .int2: .int2Array
        case .bool: .boolArray
        case .numeric: .numericArray
        case .date: .dateArray
        case .timestamptz: .timestamptzArray
        case .uuid: .uuidArray
        case .jsonb: .jsonbArray
        default: .textArray
        }
    }

    public var postgresText: String? {
        var out = "{"
        for (index, element) in enumerated() {
            if index > 0 { out += "," }
            guard let text = element.postgresText else {
                out += "NULL"
                continue
            }
            out += "\""
            for ch in text.unicodeScalars {
                if ch == "\"" || ch == "\\" { out += "\\" }
                out.unicodeScalars.append(ch)
            }
            out += "\""
        }
        return out + "}"
    }
}
