import CSV

extension CSVError: CommandFailure {
    /// A malformed file is bad data (commands that read a file turn an unreadable one into 66).
    public var exitStatus: ExitStatus { .dataError }
}
