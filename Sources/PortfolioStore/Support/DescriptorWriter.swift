#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing every byte to a file descriptor through `write(2)`, however it is split.
public enum DescriptorWriter {
    /// Writes all of `bytes` to `descriptor`, retrying after signals and waiting while a
    /// non-blocking descriptor is full.
    ///
    /// - Returns: nil on success, else the `errno` of the failed call.
    public static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        guard var next = bytes.baseAddress else { return nil }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Glibc.write(descriptor, next, remaining)
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&poller, 1, -1)
                    continue
                }
                return code
            }
            if written == 0 { return EIO }
            next += written
            remaining -= written
        }
        return nil
    }

    /// Writes `text`'s UTF-8 bytes to `descriptor`; nil on success, else the `errno`.
    public static func write(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { write(UnsafeRawBufferPointer($0), to: descriptor) }
    }
}
