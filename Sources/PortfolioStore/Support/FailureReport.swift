import Postgres
import PortfolioCore

/// Turns any error into the exit status and the one-line message the executables print.
///
/// Server errors are told apart by SQLSTATE and rewritten for people: a missing table means
/// the database was never migrated, a refused privilege is its own case, and a broken rule
/// names the field it guards. The server's own text (`Failing row contains …`) never reaches
/// a user, except for errors that are bugs (exit 70).
public enum FailureReport {
    /// The message for a database that has no (or an older) schema.
    public static let notMigrated = "the database is not migrated: run 'portfolio migrate'"

    /// The exit status for an error.
    public static func status(for error: any Error) -> ExitStatus {
        switch error {
        case let failure as any CommandFailure:
            return failure.exitStatus
        case let error as PostgresError:
            return status(for: error)
        default:
            return .software
        }
    }

    static func status(for error: PostgresError) -> ExitStatus {
        if error.isConnectionFailure { return .unavailable }
        switch error.kind {
        case .configuration: return .usage
        case .cancelled, .busy: return .tempFailure
        case .decoding, .usage: return .software
        case .connection: return .unavailable
        default: break
        }
        // A lost race, a lock not granted in time, a statement cancelled or timed out: retry.
        if error.isRetryable || error.sqlState == SQLState.lockNotAvailable || error.sqlState == SQLState.queryCanceled {
            return .tempFailure
        }
        if error.isMissingSchema { return .unavailable }
        if error.sqlState == SQLState.insufficientPrivilege { return .noPermission }
        if let state = error.sqlState, state.hasPrefix("22") || state.hasPrefix("23") || state == SQLState.raiseException {
            return .dataError
        }
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
            case .server: text = serverMessage(error)
            default: text = error.description
            }
        default:
            text = String(describing: error)
        }
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// A server error in the user's terms.
    static func serverMessage(_ error: PostgresError) -> String {
        if error.isConnectionFailure { return "database unavailable: \(error.message)" }
        if error.isMissingSchema { return notMigrated }
        let field = DatabaseField(table: error.table, column: error.column, constraint: error.constraint)
        switch error.sqlState {
        case SQLState.insufficientPrivilege:
            return "permission denied: the database role may not do this (\(error.message))"
        case SQLState.checkViolation:
            if error.constraint == "project_lenders_shares_total" || error.constraint == "project_lenders_parts_total" {
                return "--lender: the lenders' shares must add up to 100% and their parts to the project's value"
            }
            return "\(field.name): the value is outside what the database accepts (rule \(error.constraint ?? "check"))"
        case SQLState.notNullViolation:
            return "\(field.name): a value is required"
        case SQLState.uniqueViolation:
            return "\(field.name): a record with this value exists already"
        case SQLState.foreignKeyViolation:
            return "\(field.name): refers to a record that does not exist"
        case SQLState.numericValueOutOfRange:
            return "\(field.name): a number is too large for the database"
        case SQLState.stringDataRightTruncation:
            return "\(field.name): a text is too long for the database"
        case SQLState.invalidTextRepresentation, "22007", "22008":
            return "\(field.name): a value is not in a form the database reads"
        case SQLState.raiseException:
            return error.message
        case SQLState.serializationFailure, SQLState.deadlockDetected:
            return "a concurrent change won (\(error.message)); retry"
        case SQLState.lockNotAvailable:
            return "the database could not take a lock in time (lock timeout): another change holds it; retry"
        case SQLState.queryCanceled:
            return "the database cancelled the statement (a timeout); retry"
        default:
            if let state = error.sqlState, state.hasPrefix("22") || state.hasPrefix("23") {
                return "\(field.name): the database refused the value (SQLSTATE \(state))"
            }
            return "internal error: \(error.description)"
        }
    }
}

extension PostgresError {
    /// Whether the error means the schema is missing or older than the program: an undefined
    /// table, column, function or schema.
    public var isMissingSchema: Bool {
        switch sqlState {
        case SQLState.undefinedTable, "42703", "42883", "3F000", "42704": true
        default: false
        }
    }
}
