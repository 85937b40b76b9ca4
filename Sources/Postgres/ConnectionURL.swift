/// A `postgresql://` or `postgres://` URL split the way RFC 3986 splits it.
///
/// libpq reads a URL's user-info up to the first `@` that comes before any `/`, so a
/// password with an unencoded `@`, `/`, `?` or `#` is cut somewhere else than RFC 3986
/// says, and the rest of it becomes a host, a port or a database name that libpq prints in
/// its errors. `parse` refuses every URL where the two readings could differ: more than one
/// `@` in the authority, an `@` after it, a `#`, a port that is not a number, or a bracket
/// outside an IPv6 literal. The message never repeats any part of the URL.
struct ConnectionURL {
    /// The user name (user-info, or a `user` query parameter, which libpq lets win).
    var user: String?
    /// The password (user-info, or a `password` query parameter, which libpq lets win).
    var password: String?
    /// Every password the URL spells, as typed and percent-decoded.
    var secrets: [String]
    /// The URL with each password replaced by `***`.
    var redacted: String

    static let schemes = ["postgresql://", "postgres://"]

    /// Whether libpq reads `text` as a URL rather than as `key=value` pairs.
    static func isURL(_ text: String) -> Bool {
        schemes.contains { text.hasPrefix($0) }
    }

    /// Splits a URL; nil when `text` is not a URL.
    ///
    /// - Throws: `PostgresError` of kind `.configuration` when the URL is malformed or could
    ///   be read in two ways.
    static func parse(_ text: String) throws(PostgresError) -> ConnectionURL? {
        guard let scheme = schemes.first(where: { text.hasPrefix($0) }) else { return nil }
        let bytes = Array(text.utf8)
        let start = scheme.utf8.count
        let encodeHint = "percent-encode '@' as %40, '/' as %2F, '?' as %3F and '#' as %23 in a user name or password"
        if bytes.contains(UInt8(ascii: "#")) {
            throw refusal("the database URL contains '#', which it cannot hold unencoded: " + encodeHint)
        }
        let authorityEnd = bytes[start...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? bytes.endIndex
        let ats = bytes[start..<authorityEnd].indices.filter { bytes[$0] == UInt8(ascii: "@") }
        if ats.count > 1 {
            throw refusal("the database URL has more than one '@' before its host: " + encodeHint)
        }
        if bytes[authorityEnd...].contains(UInt8(ascii: "@")) {
            throw refusal("the database URL has an '@' after its host: " + encodeHint)
        }

        var user: String?
        var password: String?
        var secretRanges: [Range<Int>] = []
        var hostStart = start
        if let at = ats.first {
            let userInfo = start..<at
            let colon = bytes[userInfo].firstIndex(of: UInt8(ascii: ":"))
            let userBytes = bytes[start..<(colon ?? at)]
            user = try decode(userBytes, part: "user name")
            if let colon {
                let passwordRange = (colon + 1)..<at
                password = try decode(bytes[passwordRange], part: "password")
                secretRanges.append(passwordRange)
            }
            hostStart = at + 1
        }
        try checkHosts(bytes[hostStart..<authorityEnd])

        var parameters: [(key: String, value: String, range: Range<Int>)] = []
        if let question = bytes[authorityEnd...].firstIndex(of: UInt8(ascii: "?")) {
            var cursor = question + 1
            while cursor <= bytes.endIndex {
                let end = bytes[cursor...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.endIndex
                if let equals = bytes[cursor..<end].firstIndex(of: UInt8(ascii: "=")) {
                    // Malformed parameters are left to libpq, whose message names only the parameter.
                    if let key = String(validating: bytes[cursor..<equals], as: UTF8.self)?.removingPercentEncodingSafely(),
                        let value = String(validating: bytes[(equals + 1)..<end], as: UTF8.self)?.removingPercentEncodingSafely()
                    {
                        parameters.append((key, value, (equals + 1)..<end))
                    }
                }
                cursor = end + 1
            }
        }
        for parameter in parameters {
            switch parameter.key {
            case "user": user = parameter.value
            case "password":
                password = parameter.value
                secretRanges.append(parameter.range)
            case "sslpassword":
                secretRanges.append(parameter.range)
            default: break
            }
        }

        var secrets: [String] = []
        for range in secretRanges where !range.isEmpty {
            let typed = String(decoding: bytes[range], as: UTF8.self)
            secrets.append(typed)
            if let decoded = typed.removingPercentEncodingSafely(), decoded != typed { secrets.append(decoded) }
        }
        var redacted: [UInt8] = []
        var cursor = 0
        for range in secretRanges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            redacted += bytes[cursor..<range.lowerBound]
            redacted += Array("***".utf8)
            cursor = range.upperBound
        }
        redacted += bytes[cursor...]
        return ConnectionURL(
            user: user.flatMap { $0.isEmpty ? nil : $0 },
            password: password.flatMap { $0.isEmpty ? nil : $0 },
            secrets: secrets,
            redacted: String(decoding: redacted, as: UTF8.self))
    }

    /// Checks a comma-separated list of `host[:port]` entries; a host may be `[IPv6]`.
    private static func checkHosts(_ list: ArraySlice<UInt8>) throws(PostgresError) {
        for entry in list.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            var rest = entry[...]
            if rest.first == UInt8(ascii: "[") {
                guard let close = rest.firstIndex(of: UInt8(ascii: "]")) else {
                    throw refusal("the database URL has an IPv6 host without its closing ']'")
                }
                rest = rest[(close + 1)...]
                guard rest.isEmpty || rest.first == UInt8(ascii: ":") else {
                    throw refusal("the database URL has text between an IPv6 host's ']' and its port")
                }
            } else {
                let colon = rest.firstIndex(of: UInt8(ascii: ":")) ?? rest.endIndex
                if rest[..<colon].contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) {
                    throw refusal("the database URL has a bracket outside an IPv6 host")
                }
                rest = rest[colon...]
            }
            if rest.first == UInt8(ascii: ":") {
                let port = rest.dropFirst()
                guard port.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                    throw refusal("the database URL's port is not a number (a password with an unencoded '/' or '?' reads as one)")
                }
            }
        }
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, part: String) throws(PostgresError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self), let decoded = text.removingPercentEncodingSafely(),
            !decoded.utf8.contains(0)
        else {
            throw refusal("the database URL's \(part) is not valid percent-encoded UTF-8")
        }
        return decoded
    }

    private static func refusal(_ message: String) -> PostgresError {
        PostgresError(.configuration, message)
    }
}
