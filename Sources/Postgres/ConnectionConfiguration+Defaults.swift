import CLibPQ
import Foundation

extension ConnectionConfiguration {
    /// Connection keywords applied unless the connection string, a `PG*` environment
    /// variable or a service file sets them: a connection attempt gives up after 10 s per
    /// host, and a peer that vanishes without a reset is noticed within about a minute
    /// (TCP keepalives after 30 s idle, every 10 s, 3 probes; 30 s for unacknowledged data).
    public static let connectionDefaults: [(keyword: String, value: String)] = [
        ("connect_timeout", "10"),
        ("keepalives", "1"),
        ("keepalives_idle", "30"),
        ("keepalives_interval", "10"),
        ("keepalives_count", "3"),
        ("tcp_user_timeout", "30000"),
    ]

    /// The defaults this configuration adds when it connects: those the string does not set
    /// and libpq has no value for from the environment (`environment`: keyword to value, as
    /// `libpqEnvironment()` reads it). With a service (in the string or `PGSERVICE`) none are
    /// added, because a service file's values would otherwise lose.
    func defaultsToApply(environment: [String: String]) -> [(keyword: String, value: String)] {
        if explicitKeywords.contains("service") || environment["service"] != nil { return [] }
        return ConnectionConfiguration.connectionDefaults.filter { keyword, _ in
            !explicitKeywords.contains(keyword) && environment[keyword] == nil
        }
    }

    /// The keywords libpq currently takes from its `PG*` environment variables, with values.
    static func libpqEnvironment() -> [String: String] {
        guard let options = PQconndefaults() else { return [:] }
        defer { PQconninfoFree(options) }
        var values: [String: String] = [:]
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            if let variable = cursor.pointee.envvar, getenv(variable) != nil, let value = cursor.pointee.val {
                values[String(cString: keyword)] = String(cString: value)
            }
            cursor = cursor.advanced(by: 1)
        }
        return values
    }

    /// The session settings run right after connecting: UTC, ISO dates and UTF-8 (parameters
    /// every pooler carries from session to session), then the server's process id, which
    /// tells a direct session from one through a pooler.
    var sessionSetup: String {
        "SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO, YMD'; SET client_encoding TO 'UTF8'; SELECT pg_backend_pid()"
    }

    /// The configured timeouts as `SET` (for a direct session) or `SET LOCAL` (at the start of
    /// each transaction through a pooler, where a session setting would stay on whichever
    /// server session ran it); empty when no timeout is configured.
    func timeoutSettings(local: Bool) -> String {
        let timeouts: [(String, Duration?)] = [
            ("statement_timeout", statementTimeout), ("lock_timeout", lockTimeout),
            ("idle_in_transaction_session_timeout", idleInTransactionTimeout),
        ]
        // The values are integers formatted here, never text from outside.
        return timeouts.compactMap { name, value in
            value.map { "SET \(local ? "LOCAL " : "")\(name) TO '\(max(0, $0.roundedUpMilliseconds))ms'" }
        }.joined(separator: "; ")
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so that a positive duration never becomes 0 (which
    /// PostgreSQL reads as "no timeout").
    var roundedUpMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let perMillisecond: Int64 = 1_000_000_000_000_000
        var millis = seconds * 1000 + attoseconds / perMillisecond
        if attoseconds % perMillisecond > 0 { millis += 1 }
        return millis
    }
}
