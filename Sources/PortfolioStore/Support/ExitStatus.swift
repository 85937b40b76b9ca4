import Postgres
import PortfolioCore

/// The exit codes both executables share (sysexits.h values).
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// Unknown command or flag, missing argument, bad configuration.
    case usage = 64
    /// Invalid data: validation, a bad file row, a refused transition, an unknown code.
    case dataError = 65
    /// An input file is missing or unreadable.
    case noInput = 66
    /// The database is unavailable or refused the connection.
    case unavailable = 69
    /// A bug.
    case software = 70
    /// A concurrent change won; retry.
    case tempFailure = 75
}

/// An error that knows its exit status and its one-line message.
public protocol CommandFailure: Error, CustomStringConvertible {
    var exitStatus: ExitStatus { get }
}

/// Turns any error into the exit status and the one-line message the executables print.
public enum FailureReport {
    /// The exit status for an error.
    public static func status(for error: any Error) -> ExitStatus {
        switch error {
        case let failure as any CommandFailure:
            return failure.exitStatus
        case let error as PostgresError:
            return status(for: error)
        case is Migrator.TamperedError, is Migrator.UnknownVersionError,
            is DomainError, is ValidationFailure, is CSVError:
            return .dataError
        default:
            return .software
        }
    }

    static func status(for error: PostgresError) -> ExitStatus {
        if error.isConnectionFailure { return .unavailable }
        switch error.kind {
        case .configuration: return .usage
        case .cancelled: return .tempFailure
        case .decoding, .usage: return .software
        case .connection: return .unavailable
        case .server: break
        }
        if error.isRetryable || error.sqlState == SQLState.lockNotAvailable { return .tempFailure }
        if let state = error.sqlState, state.hasPrefix("22") || state.hasPrefix("23") || state == SQLState.raiseException {
            return .dataError
        }
        if error.sqlState == SQLState.insufficientPrivilege { return .unavailable }
        return .software
    }

    /// The one-line message, without the `error:` prefix.
    public static func message(for error: any Error) -> String {
        let text: String
        switch error {
        case let error as PostgresError:
            switch error.kind {
            case .connection: text = "database unavailable: \(error.description)"
            case .configuration: text = "bad database settings: \(error.description)"
            default: text = error.description
            }
        default:
            text = String(describing: error)
        }
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
