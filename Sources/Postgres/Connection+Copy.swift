import CLibPQ

extension Connection {
    /// Streams rows into `COPY table (columns) FROM STDIN` (text format) and returns how many
    /// rows the server stored.
    ///
    /// `body` writes rows through the writer; if it throws, the COPY is aborted and nothing
    /// is stored. `body` sees only its writer: any other use of the connection while it runs
    /// throws `PostgresError` of kind `.usage`.
    @available(*, noasync)
    @discardableResult
    public func copyIn(_ sql: String, _ body: (inout CopyWriter) throws -> Void) throws -> Int {
        try withHandle { pointer in
            let start = PQexec(pointer, sql)
            guard let start else { throw connectionError(pointer) }
            let status = PQresultStatus(start)
            if status != PGRES_COPY_IN {
                defer { PQclear(start) }
                if status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
                    Connection.abandonCopy(pointer, status)
                } else {
                    _ = try Connection.rows(from: start, secrets: secrets)
                }
                throw PostgresError(.usage, "the statement did not start a COPY FROM STDIN")
            }
            PQclear(start)
        }
        setCopyInProgress(true)
        var writer = CopyWriter(connection: self)
        do {
            try body(&writer)
            try writer.flush()
        } catch {
            setCopyInProgress(false)
            try? withHandle { pointer in
                _ = PQputCopyEnd(pointer, "aborted by the client")
                drainResults(pointer)
            }
            throw error
        }
        setCopyInProgress(false)
        return try withHandle { pointer in
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

extension PostgresError {
    /// A use of the connection from inside a `copyIn` body.
    static let copyInProgress = PostgresError(
        .usage, "a COPY is in progress on this connection: its body may only write rows through its writer")
}

/// Writes rows of a `COPY … FROM STDIN` in text format, buffered.
public struct CopyWriter: ~Copyable {
    private let connection: Connection
    private var buffer: [UInt8] = []
    /// Rows written so far.
    public private(set) var rowCount = 0
    static let flushSize = 256 * 1024

    init(connection: Connection) {
        self.connection = connection
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

    /// Writes bytes as they are: rows the caller formatted for the COPY's own format (such as
    /// `FORMAT csv`), whole or in pieces.
    public mutating func writeRaw(_ bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= CopyWriter.flushSize { try flush() }
    }

    /// Sends what is buffered.
    public mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let bytes = buffer
        let connection = self.connection
        try connection.withHandle(duringCopy: true) { pointer in
            let status = bytes.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    PQputCopyData(pointer, chars.baseAddress, Int32(chars.count))
                }
            }
            guard status == 1 else { throw connection.connectionError(pointer, "COPY failed") }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
