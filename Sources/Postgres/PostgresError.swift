/// An error from the PostgreSQL client: a refused connection, a server error with its
/// SQLSTATE, a value that could not be decoded, or a misuse of the API.
///
/// `description` is one line and never contains a password.
public struct PostgresError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is.
    ///
    /// A struct over a private enum, so a kind can be added without breaking a `switch` in code
    /// that uses this module (such a switch needs a `default`).
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case connection, configuration, server, decoding, usage, cancelled, busy
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// The connection could not be made or was lost.
        public static let connection = Kind(.connection)
        /// The connection settings are malformed (a bad URL or option).
        public static let configuration = Kind(.configuration)
        /// The server reported an error; `sqlState` says which.
        public static let server = Kind(.server)
        /// A value could not be decoded into the requested Swift type.
        public static let decoding = Kind(.decoding)
        /// The API was used in a way it does not support.
        public static let usage = Kind(.usage)
        /// A wait was cancelled.
        public static let cancelled = Kind(.cancelled)
        /// A connection pool had no connection free and as many callers waiting as it admits.
        public static let busy = Kind(.busy)

        /// The kind's name, e.g. `connection`.
        public var description: String { base.rawValue }
    }

    public var kind: Kind
    /// The primary message, one line.
    public var message: String
    /// The five-character SQLSTATE code, for server errors.
    public var sqlState: String?
    public var detail: String?
    public var hint: String?
    /// The name of the violated constraint, if any.
    public var constraint: String?
    public var table: String?
    public var column: String?

    public init(
        _ kind: Kind, _ message: String, sqlState: String? = nil, detail: String? = nil,
        hint: String? = nil, constraint: String? = nil, table: String? = nil, column: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += ": \(detail)" }
        return PostgresError.oneLine(text)
    }

    /// Folds newlines and tabs so a message prints on one line.
    static func oneLine(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var lastWasSpace = false
        for ch in text {
            if ch == "\n" || ch == "\r" || ch == "\t" || ch == " " {
                if !lastWasSpace && !out.isEmpty { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(ch)
                lastWasSpace = false
            }
        }
        while out.last == " " { out.removeLast() }
        return out
    }
}

extension PostgresError {
    /// `23505`: a unique constraint refused the row.
    public var isUniqueViolation: Bool { sqlState == SQLState.uniqueViolation }
    /// `23503`: a foreign key refused the row.
    public var isForeignKeyViolation: Bool { sqlState == SQLState.foreignKeyViolation }
    /// `23514`: a CHECK constraint refused the row.
    public var isCheckViolation: Bool { sqlState == SQLState.checkViolation }
    /// `40001` or `40P01`: the transaction lost a race and may be retried.
    public var isRetryable: Bool {
        sqlState == SQLState.serializationFailure || sqlState == SQLState.deadlockDetected
    }
    /// Whether the error means the server could not be reached or the connection broke.
    public var isConnectionFailure: Bool {
        kind == .connection || (sqlState?.hasPrefix("08") ?? false)
            || sqlState == SQLState.adminShutdown || sqlState == SQLState.crashShutdown
            || sqlState == SQLState.cannotConnectNow
    }
}

/// SQLSTATE codes the programs tell apart.
public enum SQLState {
    public static let uniqueViolation = "23505"
    public static let foreignKeyViolation = "23503"
    public static let checkViolation = "23514"
    public static let notNullViolation = "23502"
    public static let exclusionViolation = "23P01"
    public static let raiseException = "P0001"
    /// `40000`: the transaction was rolled back (also reported when COMMIT finds it aborted).
    public static let transactionRollback = "40000"
    public static let serializationFailure = "40001"
    public static let deadlockDetected = "40P01"
    public static let adminShutdown = "57P01"
    public static let crashShutdown = "57P02"
    public static let cannotConnectNow = "57P03"
    public static let queryCanceled = "57014"
    public static let undefinedTable = "42P01"
    /// `26000`: no prepared statement of that name.
    public static let invalidSQLStatementName = "26000"
    /// `0A000`: for a prepared statement, "cached plan must not change result type".
    public static let featureNotSupported = "0A000"
    public static let invalidTextRepresentation = "22P02"
    public static let numericValueOutOfRange = "22003"
    public static let stringDataRightTruncation = "22001"
    public static let lockNotAvailable = "55P03"
    public static let insufficientPrivilege = "42501"
}
