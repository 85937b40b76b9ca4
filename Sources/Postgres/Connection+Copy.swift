import CLibPQ

extension Connection {
    /// Streams rows into `COPY table (columns) FROM STDIN` (text format) and returns how many
    /// rows the server stored.
    ///
    /// `body` writes rows through the writer; if it throws, the COPY is aborted and nothing
    /// is stored.
    @discardableResult
    @available(*, noasync)
    public func copyIn(_ sql: String, _ body: (inout CopyWriter) throws -> Void) throws -> Int {
        try withHandle { pointer in
            let start = PQexec(pointer, sql)
            guard let start else { throw connectionError(pointer) }
            let status = PQresultStatus(start)
            if status != PGRES_COPY_IN {
                defer { PQclear(start) }
                _ = try Connection.rows(from: start, secrets: secrets)
                throw PostgresError(.usage, "the statement did not start a COPY FROM STDIN")
            }
            PQclear(start)
            var writer = CopyWriter(pointer: pointer)
            do {
                try body(&writer)
                try writer.flush()
            } catch {
                _ = PQputCopyEnd(pointer, "aborted by the client")
                drainResults(pointer)
                throw error
            }
            guard PQputCopyEnd(pointer, nil) == 1 else {
                let error = connectionError(pointer, "COPY failed")
                drainResults(pointer)
                throw error
            }
            var affected = 0
            var firstError: (any Error)?
            while let result = PQgetResult(pointer) {
                do {
                    if let rows = try Connection.rows(from: result, secrets: secrets) { affected = rows.affectedRows }
                } catch {
                    if firstError == nil { firstError = error }
                }
                PQclear(result)
            }
            if let firstError { throw firstError }
            return affected
        }
    }

    /// Reads and frees every pending result.
    func drainResults(_ pointer: OpaquePointer) {
        while let result = PQgetResult(pointer) { PQclear(result) }
    }
}

/// Writes rows of a `COPY … FROM STDIN` in text format, buffered.
public struct CopyWriter: ~Copyable {
    private let pointer: OpaquePointer
    private var buffer: [UInt8] = []
    /// Rows written so far.
    public private(set) var rowCount = 0
    static let flushSize = 256 * 1024

    init(pointer: OpaquePointer) {
        self.pointer = pointer
        buffer.reserveCapacity(CopyWriter.flushSize + 4096)
    }

    /// Writes one row; nil fields are NULL. Tabs, newlines and backslashes are escaped.
    public mutating func write(_ fields: [String?]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(9) }
            guard let field else {
                buffer.append(contentsOf: [92, 78])  // \N
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case 92: buffer.append(contentsOf: [92, 92])
                case 9: buffer.append(contentsOf: [92, 116])
                case 10: buffer.append(contentsOf: [92, 110])
                case 13: buffer.append(contentsOf: [92, 114])
                case 0: throw PostgresError(.usage, "a COPY field contains a NUL character")
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(10)
        rowCount += 1
        if buffer.count >= CopyWriter.flushSize { try flush() }
    }

    /// Sends what is buffered.
    public mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                PQputCopyData(pointer, chars.baseAddress, Int32(chars.count))
            }
        }
        guard status == 1 else {
            throw PostgresError(.connection, "COPY failed: " + Connection.errorMessage(pointer))
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
