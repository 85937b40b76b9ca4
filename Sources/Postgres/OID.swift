/// A PostgreSQL type OID, as sent with each parameter and reported for each column.
public struct OID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    public var description: String { OID.names[self] ?? "oid \(rawValue)" }

    public static let unknown = OID(0)
    public static let bool = OID(16)
    public static let bytea = OID(17)
    public static let char = OID(18)
    public static let name = OID(19)
    public static let int8 = OID(20)
    public static let int2 = OID(21)
    public static let int4 = OID(23)
    public static let text = OID(25)
    public static let oid = OID(26)
    public static let json = OID(114)
    public static let float4 = OID(700)
    public static let float8 = OID(701)
    public static let bpchar = OID(1042)
    public static let varchar = OID(1043)
    public static let date = OID(1082)
    public static let timestamp = OID(1114)
    public static let timestamptz = OID(1184)
    public static let interval = OID(1186)
    public static let numeric = OID(1700)
    public static let uuid = OID(2950)
    public static let jsonb = OID(3802)
    public static let boolArray = OID(1000)
    public static let int2Array = OID(1005)
    public static let int4Array = OID(1007)
    public static let textArray = OID(1009)
    public static let bpcharArray = OID(1014)
    public static let varcharArray = OID(1015)
    public static let int8Array = OID(1016)
    public static let dateArray = OID(1182)
    public static let timestamptzArray = OID(1185)
    public static let numericArray = OID(1231)
    public static let uuidArray = OID(2951)
    public static let jsonbArray = OID(3807)

    /// The element type of an array type, if this is one the client knows.
    public var arrayElement: OID? { OID.elements[self] }

    static let elements: [OID: OID] = [
        .boolArray: .bool, .int2Array: .int2, .int4Array: .int4, .int8Array: .int8,
        .textArray: .text, .bpcharArray: .bpchar, .varcharArray: .varchar, .dateArray: .date,
        .timestamptzArray: .timestamptz, .numericArray: .numeric, .uuidArray: .uuid,
        .jsonbArray: .jsonb,
    ]

    static let names: [OID: String] = [
        .bool: "bool", .bytea: "bytea", .char: "char", .name: "name", .int8: "int8", .int2: "int2",
        .int4: "int4", .text: "text", .oid: "oid", .json: "json", .float4: "float4",
        .float8: "float8", .bpchar: "bpchar", .varchar: "varchar", .date: "date",
        .timestamp: "timestamp", .timestamptz: "timestamptz", .interval: "interval",
        .numeric: "numeric", .uuid: "uuid", .jsonb: "jsonb", .boolArray: "bool[]",
        .int2Array: "int2[]", .int4Array: "int4[]", .textArray: "text[]",
        .bpcharArray: "bpchar[]", .varcharArray: "varchar[]", .int8Array: "int8[]",
        .dateArray: "date[]", .timestamptzArray: "timestamptz[]", .numericArray: "numeric[]",
        .uuidArray: "uuid[]", .jsonbArray: "jsonb[]",
    ]

    static let integers: Set<OID> = [.int2, .int4, .int8, .oid]
    static let texts: Set<OID> = [.text, .varchar, .bpchar, .name, .char, .unknown]
}
