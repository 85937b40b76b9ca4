/// SQL text with its parameters, written as one string whose interpolations bind.
///
/// ```swift
/// let query: PostgresQuery = "SELECT name FROM projects WHERE code = \(code) AND value > \(minimum)"
/// // sql: "SELECT name FROM projects WHERE code = $1 AND value > $2", binds: [code, minimum]
/// ```
///
/// Every `\(value)` becomes the next `$n` placeholder and its value a bound parameter, so data
/// never becomes SQL text. Fixed text known to the program (an identifier chosen from a list,
/// a generated name) goes in only through `\(unescaped: text)`, which is easy to search for.
public struct PostgresQuery: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// The SQL text with `$1`, `$2`, … placeholders.
    public var sql: String
    /// The parameters, in placeholder order.
    public var binds: [PostgresBind]

    /// A query from text and parameters already numbered.
    public init(unsafeSQL sql: String, binds: [PostgresBind] = []) {
        self.sql = sql
        self.binds = binds
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, binds: stringInterpolation.binds)
    }

    /// Builds a query: literal text is kept, each interpolated value is bound.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        public var sql: String
        public var binds: [PostgresBind]

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds = []
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Binds `value` as the next parameter, with its own type.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            appendInterpolation(bind: PostgresBind(value))
        }

        /// Binds `value`, or NULL of its type, as the next parameter.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            appendInterpolation(bind: PostgresBind(value))
        }

        /// Binds an already-built parameter.
        public mutating func appendInterpolation(bind: PostgresBind) {
            binds.append(bind)
            sql += "$\(binds.count)"
        }

        /// Binds `duration` as whole milliseconds and writes it as an interval:
        /// `($n * interval '1 millisecond')`.
        public mutating func appendInterpolation(milliseconds duration: Duration) {
            let parts = duration.components
            let millis = parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
            sql += "("
            appendInterpolation(bind: PostgresBind(Int(millis)))
            sql += "::bigint * interval '1 millisecond')"
        }

        /// Writes an integer into the SQL as a literal, for a `LIMIT` the planner should see.
        /// An `Int` cannot carry SQL text, so this is as safe as a bound parameter.
        public mutating func appendInterpolation(literal number: Int) {
            sql += String(number)
        }

        /// Pastes `text` into the SQL as it is: only for fixed text the program chose (an
        /// identifier from a fixed list, a number it computed), never for data.
        public mutating func appendInterpolation(unescaped text: String) {
            sql += text
        }

        /// Pastes another query in place, renumbering its parameters after those before it.
        public mutating func appendInterpolation(_ fragment: PostgresQuery) {
            sql += PostgresQuery.renumber(fragment.sql, by: binds.count)
            binds += fragment.binds
        }
    }

    /// `sql` with each `$n` placeholder outside quotes and comments raised by `offset`.
    static func renumber(_ sql: String, by offset: Int) -> String {
        guard offset > 0 else { return sql }
        var out = ""
        out.reserveCapacity(sql.utf8.count + 8)
        let characters = Array(sql)
        var index = 0
        var quote: Character?
        while index < characters.count {
            let ch = characters[index]
            if let open = quote {
                out.append(ch)
                if ch == open { quote = nil }
                index += 1
                continue
            }
            if ch == "'" || ch == "\"" {
                quote = ch
                out.append(ch)
                index += 1
                continue
            }
            if ch == "$", index + 1 < characters.count, characters[index + 1].isASCII, characters[index + 1].isNumber {
                var end = index + 1
                while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                if let number = Int(String(characters[(index + 1)..<end])) {
                    out += "$\(number + offset)"
                    index = end
                    continue
                }
            }
            out.append(ch)
            index += 1
        }
        return out
    }
}

extension Connection {
    /// Runs a query whose interpolations are bound parameters (see `PostgresQuery`).
    @discardableResult
    @available(*, noasync)
    public func query(_ query: PostgresQuery) throws -> PostgresRows {
        try self.query(query.sql, query.binds)
    }
}
