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
    /// Secrets to scrub from any message: the password found in the string, if any.
    let secrets: [String]

    /// Parses and checks a connection string without connecting.
    ///
    /// - Throws: `PostgresError` of kind `.configuration` if libpq cannot parse it.
    public init(_ connectionString: String, applicationName: String = "portfolio") throws {
        self.connectionString = connectionString
        self.applicationName = applicationName
        let secrets = ConnectionConfiguration.findSecrets(in: connectionString)
        self.secrets = secrets
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &errorMessage) else {
            var message = "invalid connection string"
            if let errorMessage {
                message += ": " + String(cString: errorMessage)
                PQfreemem(errorMessage)
            }
            throw PostgresError(.configuration, Redaction.scrub(message, secrets: secrets))
        }
        PQconninfoFree(options)
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

    /// The connection string with its password replaced by `***`.
    public var description: String {
        let base = connectionString.isEmpty ? "(libpq defaults)" : Redaction.scrub(connectionString, secrets: secrets)
        return database.map { base + " database=\($0)" } ?? base
    }

    /// Returns the password a connection string carries, found by libpq's parser or, when
    /// the string does not parse, by reading the URL's user-info by hand.
    static func findSecrets(in connectionString: String) -> [String] {
        var found: [String] = []
        if let options = PQconninfoParse(connectionString, nil) {
            var cursor = options
            while let keyword = cursor.pointee.keyword {
                if String(cString: keyword) == "password", let value = cursor.pointee.val {
                    let password = String(cString: value)
                    if !password.isEmpty { found.append(password) }
                }
                cursor = cursor.advanced(by: 1)
            }
            PQconninfoFree(options)
        }
        if let password = Redaction.urlPassword(in: connectionString), !password.isEmpty {
            found.append(password)
            if let decoded = password.removingPercentEncodingSafely(), decoded != password {
                found.append(decoded)
            }
        }
        return found
    }
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
