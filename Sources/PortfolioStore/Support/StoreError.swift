import PortfolioCore

/// A refusal from the store, with the exit status it maps to.
public enum StoreError: CommandFailure, Equatable {
    /// No project has this code.
    case projectNotFound(String)
    /// No project has this code, but one has it in another case.
    case projectCodeCase(typed: String, stored: String)
    /// No sector has this code.
    case sectorNotFound(String)
    /// No rollup snapshot has this id.
    case snapshotNotFound(Int)
    /// The project changed since the caller read it.
    case versionConflict(code: String, expected: Int, actual: Int)
    /// The input is invalid; each problem is one message.
    case invalid(String)
    /// A row with this key exists already.
    case duplicate(String)
    /// A file could not be read.
    case unreadable(String)

    public var exitStatus: ExitStatus {
        switch self {
        case .projectNotFound, .projectCodeCase, .sectorNotFound, .snapshotNotFound, .invalid, .duplicate: .dataError
        case .versionConflict: .tempFailure
        case .unreadable: .noInput
        }
    }

    public var description: String {
        switch self {
        case .projectNotFound(let code): "no project with code \(code.quotedForMessage)"
        case .projectCodeCase(let typed, let stored):
            "no project with code \(typed.quotedForMessage); codes match exactly: did you mean \(stored.quotedForMessage)?"
        case .sectorNotFound(let code): "no sector with code \(code.quotedForMessage)"
        case .snapshotNotFound(let id): "no rollup snapshot with id \(id) (see 'portfolio rollup list')"
        case .versionConflict(let code, let expected, let actual):
            "project \(code) is at version \(actual), not \(expected): it changed meanwhile; show it again and retry"
        case .invalid(let message): message
        case .duplicate(let message): message
        case .unreadable(let message): message
        }
    }
}

/// Several problems found in one input file, each as `FILE:LINE: message`.
public struct ImportFailure: CommandFailure, Equatable {
    public let problems: [String]
    public init(problems: [String]) { self.problems = problems }
    public var exitStatus: ExitStatus { .dataError }
    /// The first problem and how many more there are (one line); `problems` has them all.
    public var description: String {
        guard let first = problems.first else { return "import failed" }
        return problems.count == 1 ? first : "\(first) (and \(problems.count - 1) more problems)"
    }
}

extension String {
    /// The text with control characters (line breaks, tabs, escapes) written as `\n`, `\u{1b}`…,
    /// so a name such as a file path stays on one line of a message.
    public var escapedForMessage: String {
        guard unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return self }
        return Self.escaping(unicodeScalars[...], quotes: false)
    }

    /// The text in double quotes with control characters escaped, cut at 80 characters.
    public var quotedForMessage: String {
        let cut = unicodeScalars.count > 80 ? "…" : ""
        return "\"" + Self.escaping(unicodeScalars.prefix(80), quotes: true) + cut + "\""
    }

    private static func escaping(_ scalars: Substring.UnicodeScalarView, quotes: Bool) -> String {
        var out = ""
        for scalar in scalars {
            switch scalar {
            case "\"" where quotes: out += "\\\""
            case "\\" where quotes: out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.properties.generalCategory == .control {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
