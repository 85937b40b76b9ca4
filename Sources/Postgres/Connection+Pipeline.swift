import CLibPQ

extension Connection {
    /// Runs one statement once per parameter row, prepared once and sent in pipeline mode,
    /// and returns each execution's rows in order.
    ///
    /// All rows commit together: outside a transaction the batch runs in one. The first
    /// failing row's error is thrown and nothing of the batch is kept.
    @discardableResult
    @available(*, noasync)
    public func executeBatch(_ sql: String, types: [OID], rows: [[PostgresBind]], chunkSize: Int = 1000) throws -> [PostgresRows] {
        guard !rows.isEmpty else { return [] }
        for row in rows {
            guard row.count == types.count else {
                throw PostgresError(.usage, "a batch row has \(row.count) values; the statement takes \(types.count)")
            }
            try Connection.checkNoNUL(row)
        }
        if !isInTransaction {
            return try transaction { connection in
                try connection.executeBatch(sql, types: types, rows: rows, chunkSize: chunkSize)
            }
        }
        return try withHandle { pointer in
            guard PQenterPipelineMode(pointer) == 1 else { throw connectionError(pointer, "cannot enter pipeline mode") }
            defer { _ = PQexitPipelineMode(pointer) }
            let oids = types.map(\.rawValue)
            var output: [PostgresRows] = []
            output.reserveCapacity(rows.count)
            var firstError: (any Error)?
            var prepared = false
            var start = 0
            while start < rows.count {
                let end = min(start + max(1, chunkSize), rows.count)
                if !prepared {
                    guard PQsendPrepare(pointer, "", sql, Int32(types.count), oids) == 1 else {
                        throw connectionError(pointer)
                    }
                }
                for row in rows[start..<end] {
                    let sent = withCStrings(row.map(\.text)) { values in
                        PQsendQueryPrepared(pointer, "", Int32(types.count), values, nil, nil, 0)
                    }
                    guard sent == 1 else { throw connectionError(pointer) }
                }
                guard PQpipelineSync(pointer) == 1 else { throw connectionError(pointer) }
                if !prepared {
                    _ = try readPipelineResult(pointer, firstError: &firstError)
                    prepared = true
                }
                for _ in start..<end {
                    output.append(try readPipelineResult(pointer, firstError: &firstError))
                }
                // The sync point.
                guard let sync = PQgetResult(pointer) else { throw connectionError(pointer) }
                let syncStatus = PQresultStatus(sync)
                PQclear(sync)
                guard syncStatus == PGRES_PIPELINE_SYNC else {
                    throw PostgresError(.connection, "pipeline lost its synchronisation point")
                }
                if let firstError { throw firstError }
                start = end
            }
            return output
        }
    }

    /// Reads one statement's result (and the NULL that ends it) in pipeline mode.
    private func readPipelineResult(_ pointer: OpaquePointer, firstError: inout (any Error)?) throws -> PostgresRows {
        guard let result = PQgetResult(pointer) else { throw connectionError(pointer) }
        var rows = PostgresRows.empty
        do {
            rows = try Connection.rows(from: result, secrets: secrets) ?? .empty
        } catch {
            if firstError == nil { firstError = error }
        }
        PQclear(result)
        // Each statement's results end with a NULL.
        if let extra = PQgetResult(pointer) {
            PQclear(extra)
            throw PostgresError(.connection, "unexpected extra result in pipeline")
        }
        return rows
    }
}
