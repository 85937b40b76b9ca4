#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PortfolioCommandLine
import PortfolioStore

/// Writes a command's `--output` file whole or not at all.
///
/// Symbolic links are followed to the file they name, and the text goes to a temporary file
/// in that file's folder, which is renamed over it once every byte is on disk: a failed write
/// leaves the old file (or none) and never half of one. An existing file keeps its
/// permissions; a new one gets the usual ones (0666 less the umask). A target that exists
/// but is not a regular file (a FIFO, `/dev/stdout`) is written in place, never replaced.
enum OutputFile {
    /// Writes `text` to `path`.
    ///
    /// - Throws: `OutputFailure` (exit 74) naming the path and the system's reason.
    static func write(_ text: String, to path: String) throws(OutputFailure) {
        guard !path.isEmpty else { throw OutputFailure(target: path, code: ENOENT) }
        var status = stat()
        if stat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG:
                try replace(try resolvedTarget(path), with: text, mode: status.st_mode & 0o7777, named: path)
            case S_IFDIR:
                throw OutputFailure(target: path, code: EISDIR)
            default:
                try writeInPlace(path, text, named: path)
            }
        } else if errno == ENOENT {
            let mask = umask(0)
            umask(mask)
            try replace(try resolvedTarget(path), with: text, mode: 0o666 & ~mask, named: path)
        } else {
            throw OutputFailure(target: path, code: errno)
        }
    }

    /// The path with every symbolic link along the last component followed (up to 40, as the
    /// kernel allows), so that a link to a file has that file replaced, not the link.
    static func resolvedTarget(_ path: String) throws(OutputFailure) -> String {
        var current = path
        for _ in 0..<40 {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            if count < 0 {
                if errno == EINVAL || errno == ENOENT { return current }
                throw OutputFailure(target: path, code: errno)
            }
            let link = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if link.hasPrefix("/") {
                current = link
            } else {
                current = folder(of: current) + "/" + link
            }
        }
        throw OutputFailure(target: path, code: ELOOP)
    }

    /// The folder part of a path (`.` for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = path[..<slash]
        return head.isEmpty ? "/" : String(head)
    }

    private static func replace(_ target: String, with text: String, mode: mode_t, named path: String) throws(OutputFailure) {
        let base = target.split(separator: "/").last.map(String.init) ?? "output"
        var template = Array((folder(of: target) + "/." + base + ".XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else { throw OutputFailure(target: path, code: errno) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure = DescriptorWriter.write(text, to: descriptor)
        if failure == nil, fchmod(descriptor, mode) != 0 { failure = errno }
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if failure == nil, rename(temporary, target) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw OutputFailure(target: path, code: failure)
        }
    }

    private static func writeInPlace(_ target: String, _ text: String, named path: String) throws(OutputFailure) {
        let descriptor = open(target, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { throw OutputFailure(target: path, code: errno) }
        let failure = DescriptorWriter.write(text, to: descriptor)
        let closed = close(descriptor)
        if let failure { throw OutputFailure(target: path, code: failure) }
        if closed != 0 { throw OutputFailure(target: path, code: errno) }
    }
}
