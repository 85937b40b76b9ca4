import PortfolioCore
import PortfolioStore

/// A bad value given on the command line: names the flag or argument (exit 65), or a flag
/// combination that makes no sense (exit 64).
struct InputError: CommandFailure {
    let message: String
    let exitStatus: ExitStatus

    static func invalid(_ flag: String, _ message: String) -> InputError {
        InputError(message: "\(flag): \(message)", exitStatus: .dataError)
    }

    static func usage(_ message: String) -> InputError {
        InputError(message: message, exitStatus: .usage)
    }

    var description: String { message }

    /// The flag that sets a project field, for messages.
    static func flag(forField field: String?) -> String? {
        switch field {
        case "code": "code"
        case "name": "--name"
        case "sector": "--sector"
        case "status": "--status"
        case "value": "--value"
        case "currency": "--currency"
        case "value_date": "--value-date"
        case "lenders", "lender": "--lender"
        case "start_date": "--start"
        case "end_date": "--end"
        case "location": "--location"
        case "description": "--description"
        default: nil
        }
    }

    /// A validation failure rewritten with flag names, all problems on one line.
    static func fromValidation(_ failure: ValidationFailure) -> InputError {
        let parts = failure.problems.map { problem in
            if let flag = flag(forField: problem.field) { return "\(flag): \(problem.message)" }
            return problem.description
        }
        return InputError(message: parts.joined(separator: "; "), exitStatus: .dataError)
    }
}

/// Parses a flag's value with a domain parser, naming the flag when it fails.
func checked<T>(_ flag: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DomainError {
        throw InputError.invalid(flag, error.message)
    } catch let failure as ValidationFailure {
        throw InputError.invalid(flag, failure.problems.map(\.message).joined(separator: "; "))
    }
}
