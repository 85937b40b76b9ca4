#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard input, output and error, kept open.
///
/// A program started with one of them closed (`portfolio report >&-`) would otherwise hand
/// that number to the next file it opens — the database socket — and its report would be
/// written into the connection. Each closed one is opened on `/dev/null` instead, as daemons
/// and careful command-line tools do.
public enum StandardDescriptors {
    /// Opens `/dev/null` on each of descriptors 0, 1 and 2 that is closed. Call it first,
    /// before anything opens a file or a socket; calling it again is harmless.
    public static func ensureOpen() {
        for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", O_RDWR)
            guard opened >= 0 else { continue }
            if opened != descriptor {
                _ = dup2(opened, descriptor)
                close(opened)
            }
        }
    }
}
