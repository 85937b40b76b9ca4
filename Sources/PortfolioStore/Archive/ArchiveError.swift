import PortfolioCore

/// Why an archive could not be written or restored.
public enum ArchiveError: CommandFailure, Equatable {
    /// The directory or one of its files could not be written (exit 74).
    case unwritable(String)
    /// The directory or one of its files is missing or unreadable (exit 66).
    case unreadable(String)
    /// The archive is not one this version restores, or a file's rows were refused (exit 65).
    case invalid(String)
    /// The database holds a portfolio already (exit 65).
    case notEmpty(Int)
    /// The role may not switch the ledger's entry checks (exit 77).
    case notOwner

    public var exitStatus: ExitStatus {
        switch self {
        case .unwritable: .ioError
        case .unreadable: .noInput
        case .invalid, .notEmpty: .dataError
        case .notOwner: .noPermission
        }
    }

    public var description: String {
        switch self {
        case .unwritable(let message), .unreadable(let message), .invalid(let message): message
        case .notEmpty(let rows):
            "import --all restores into an empty database, and this one holds \(rows) rows of a portfolio; "
                + "create a new database and run 'portfolio migrate' there first"
        case .notOwner:
            "import --all writes transactions as they were recorded, past the ledger's entry checks, "
                + "which only the schema's owner may do: run it as the role that runs 'portfolio migrate'"
        }
    }
}
