import Foundation

/// A one-shot signal that wakes a `poll`-based wait from another thread (a self-pipe).
public final class CancellationSignal: Sendable {
    /// The read end, polled by waits.
    let fileDescriptor: Int32
    private let writeEnd: Int32

    public init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw PostgresError(.usage, "pipe failed: errno \(errno)") }
        for fd in ends {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        fileDescriptor = ends[0]
        writeEnd = ends[1]
    }

    /// Fires the signal; any current or later wait given this signal returns at once.
    public func cancel() {
        var one: UInt8 = 1
        _ = write(writeEnd, &one, 1)
    }

    /// The descriptor that becomes readable once cancelled, for callers that `poll` on it.
    public var fileDescriptorForWaiting: Int32 { fileDescriptor }

    /// Whether `cancel()` has been called.
    public var isCancelled: Bool {
        var fds = [pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)]
        return poll(&fds, 1, 0) > 0
    }

    deinit {
        close(fileDescriptor)
        close(writeEnd)
    }
}
