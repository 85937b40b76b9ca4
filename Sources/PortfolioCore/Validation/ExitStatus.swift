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
    /// An output could not be written: a full disk, an I/O error.
    case ioError = 74
    /// A concurrent change won; retry.
    case tempFailure = 75
    /// The database role may not do this.
    case noPermission = 77
    /// The reader of standard output went away (a closed pipe): the status a shell reports
    /// for a program ended by SIGPIPE, with nothing printed.
    case brokenPipe = 141
}

/// An error that knows its exit status and its one-line message.
///
/// Every error type the programs surface conforms, so the status comes from the error
/// itself; only errors of lower modules that cannot know this protocol (the PostgreSQL
/// client's) are mapped by `FailureReport`.
public protocol CommandFailure: Error, CustomStringConvertible {
    var exitStatus: ExitStatus { get }
}
