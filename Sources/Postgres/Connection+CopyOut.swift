import CLibPQ

extension Connection {
    /// Runs `COPY … TO STDOUT` and hands each row's bytes, as the server formats them, to
    /// `body`; returns how many rows were copied.
    ///
    /// If `body` throws, the rest of the rows are read and dropped so the connection stays
    /// usable, and the error is rethrown.
    @available(*, noasync)
    @discardableResult
    public func copyOut(_ sql: String, _ body: ([UInt8]) throws -> Void) throws -> Int {
        try withHandle { pointer in
            let start = PQexec(pointer, sql)
            guard let start else { throw connectionError(pointer) }
            defer { PQclear(start) }
            let status = PQresultStatus(start)
            if status != PGRES_COPY_OUT {
                if status == PGRES_COPY_IN || status == PGRES_COPY_BOTH {
                    Connection.abandonCopy(pointer, status)
                } else {
                    _ = try Connection.rows(from: start, secrets: secrets)
                }
                throw PostgresError(.usage, "the statement did not start a COPY TO STDOUT")
            }
        }
        var failure: (any Error)?
        while true {
            let chunk: [UInt8]? = try withHandle { pointer in
                var buffer: UnsafeMutablePointer<CChar>?
                let count = PQgetCopyData(pointer, &buffer, 0)
                if count > 0, let buffer {
                    defer { PQfreemem(buffer) }
                    return Array(UnsafeRawBufferPointer(start: buffer, count: Int(count)))
                }
                if count == -1 { return nil }
                throw connectionError(pointer, "COPY failed")
            }
            guard let chunk else { break }
            if failure == nil {
                do { try body(chunk) } catch { failure = error }
            }
        }
        let copied = try withHandle { pointer in
            var copied = 0
            var firstError: (any Error)?
            while let result = PQgetResult(pointer) {
                do {
                    if let rows = try Connection.rows(from: result, secrets: secrets) { copied = rows.affectedRows }
                } catch {
                    if firstError == nil { firstError = error }
                }
                PQclear(result)
            }
            if let firstError { throw firstError }
            return copied
        }
        if let failure { throw failure }
        return copied
    }
}
