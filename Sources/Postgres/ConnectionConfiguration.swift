import CLibPQ

/// Where and how to connect: a `postgresql://` URL or a libpq keyword string, or — when
/// empty — libpq's own `PG*` environment variables and defaults.
///
/// The password never appears in `description` or in any error derived from it.
public struct ConnectionConfiguration: Sendable, CustomStringConvertible {
    /// The connection string as given (URL or `key=value` pairs); may be empty.
    public let connectionString: String
    /// The application name reported to the server unless the string sets one.
    public var applicationName: String
    /// A database name that replaces the one in the connection string, if set.
    public var database: String?
    /// How long one statement may run before the server cancels it (`statement_timeout`,
    /// SQLSTATE 57014); nil keeps the server's setting.
    public var statementTimeout: Duration?
    /// How long a statement may wait for a lock before the server gives up (`lock_timeout`,
    /// SQLSTATE 55P03); nil keeps the server's setting.
    public var lockTimeout: Duration?
    /// How long the session may sit idle inside a transaction before the server ends it
    /// (`idle_in_transaction_session_timeout`); nil keeps the server's setting.
    public var idleInTransactionTimeout: Duration?
    /// The connection keywords the string itself sets (their values win over the defaults).
    let explicitKeywords: Set<String>
    /// Secrets to scrub from any message: the password found in the string, if any.
    let secrets: [String]
    /// The connection string with its passwords replaced by `***`.
    private let redacted: String

    /// Parses and checks a connection string without connecting.
    ///
    /// A URL is read strictly (RFC 3986) and refused when libpq would read its user name or
    /// password differently, because libpq then prints the misread parts in its errors.
    ///
    /// - Throws: `PostgresError` of kind `.configuration` if the string is malformed; the
    ///   message never contains the password or a part of it.
    public init(_ connectionString: String, applicationName: String = "portfolio") throws {
        self.connectionString = connectionString
        self.applicationName = applicationName
        let url = try ConnectionURL.parse(connectionString)
        var secrets = url?.secrets ?? ConnectionConfiguration.typedURLSecrets(in: connectionString)
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &errorMessage) else {
            var message = "invalid connection string"
            if let errorMessage {
                message += ": " + PostgresError.oneLine(String(cString: errorMessage))
                PQfreemem(errorMessage)
            }
            throw PostgresError(.configuration, Redaction.scrub(message, secrets: secrets))
        }
        defer { PQconninfoFree(options) }
        let parsed = ConnectionConfiguration.values(options)
        explicitKeywords = Set(parsed.keys)
        for keyword in ["password", "sslpassword"] {
            if let secret = parsed[keyword], !secret.isEmpty { secrets.append(secret) }
        }
        self.secrets = secrets
        if let url {
            guard nonEmpty(parsed["user"]) == url.user, nonEmpty(parsed["password"]) == url.password else {
                throw PostgresError(
                    .configuration,
                    "libpq reads the database URL's user name or password differently from RFC 3986: percent-encode reserved characters in them")
            }
            redacted = url.redacted
        } else if connectionString.isEmpty {
            redacted = "(libpq defaults)"
        } else {
            redacted = ConnectionConfiguration.keywordDescription(options)
        }
    }

    /// The same settings pointed at another database on the same server.
    public func with(database: String) -> ConnectionConfiguration {
        var copy = self
        copy.database = database
        return copy
    }

    /// The configuration from `DATABASE_URL`, or libpq's `PG*` variables when it is unset.
    public static func fromEnvironment(
        _ environment: [String: String], applicationName: String = "portfolio"
    ) throws -> ConnectionConfiguration {
        let url = environment["DATABASE_URL"] ?? ""
        return try ConnectionConfiguration(url, applicationName: applicationName)
    }

    /// The connection string with its password replaced by `***`: a URL as given, a keyword
    /// string rebuilt from libpq's reading of it.
    public var description: String {
        let text = database.map { redacted + " database=\($0)" } ?? redacted
        return Redaction.scrub(text, secrets: secrets)
    }

    /// The keywords a parsed option list sets, with their values.
    static func values(_ options: UnsafeMutablePointer<PQconninfoOption>) -> [String: String] {
        var values: [String: String] = [:]
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val { values[String(cString: keyword)] = String(cString: value) }
            cursor = cursor.advanced(by: 1)
        }
        return values
    }

    /// A keyword string rebuilt from libpq's reading, in libpq's order, with the password as `***`.
    static func keywordDescription(_ options: UnsafeMutablePointer<PQconninfoOption>) -> String {
        var parts: [String] = []
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val {
                let name = String(cString: keyword)
                let isSecret = name == "password" || name == "sslpassword"
                parts.append(name + "=" + (isSecret ? "***" : quotedKeywordValue(String(cString: value))))
            }
            cursor = cursor.advanced(by: 1)
        }
        return parts.joined(separator: " ")
    }

    /// A value as libpq's keyword syntax writes it: bare, or single-quoted with `\` escapes.
    static func quotedKeywordValue(_ value: String) -> String {
        let plain = !value.isEmpty && !value.contains { $0 == " " || $0 == "'" || $0 == "\\" || $0.isWhitespace }
        if plain { return value }
        var out = "'"
        for ch in value {
            if ch == "'" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out + "'"
    }

    /// The password of something that looks like a URL but that libpq does not read as one
    /// (a scheme in capitals, a leading space), as typed and decoded.
    static func typedURLSecrets(in connectionString: String) -> [String] {
        guard let password = Redaction.urlPassword(in: connectionString), !password.isEmpty else { return [] }
        if let decoded = password.removingPercentEncodingSafely(), decoded != password { return [password, decoded] }
        return [password]
    }
}

private func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
}

extension String {
    /// Decodes `%XX` escapes; nil if the text is not valid percent-encoded UTF-8.
    func removingPercentEncodingSafely() -> String? {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
