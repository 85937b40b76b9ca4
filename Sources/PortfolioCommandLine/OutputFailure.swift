#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PortfolioStore
import PortfolioCore

/// Output that could not be written: exit 74 with one line, or, when the reader closed the
/// pipe (`EPIPE`), exit 141 with nothing printed, as a tool ended by SIGPIPE would.
public struct OutputFailure: CommandFailure, Equatable {
    /// What was being written: `standard output`, or the `--output` file.
    public let target: String
    /// The `errno` of the failed call.
    public let code: Int32

    public init(target: String, code: Int32) {
        self.target = target
        self.code = code
    }

    public var isBrokenPipe: Bool { code == EPIPE }

    public var exitStatus: ExitStatus { isBrokenPipe ? .brokenPipe : .ioError }

    public var description: String {
        if target.isEmpty { return "--output: the path is empty" }
        let flag = target == "standard output" ? "" : "--output: "
        return flag + "cannot write \(target.escapedForMessage): \(String(cString: strerror(code)))"
    }
}
