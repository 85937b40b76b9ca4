import CLibPQ
import Foundation

extension Connection {
    /// Runs one statement with bound parameters (text format, explicit type OIDs) and returns
    /// its rows.
    ///
    /// - Throws: `PostgresError` of kind `.server` with the SQLSTATE, or `.connection`.
    @discardableResult
    public func query(_ sql: String, _ binds: [PostgresBind]) throws -> PostgresRows {
        try Connection.checkNoNUL(binds)
        return try withSession { pointer, statements in
            let key = StatementCache.Key(sql: sql, types: binds.map { $0.type.rawValue })
            switch statements.plan(for: key) {
            case .unnamed:
                return try consume(Connection.execParams(pointer, sql, binds), pointer)
            case .prepare(let name):
                let prepared = PQprepare(pointer, name, sql, Int32(key.types.count), key.types)
                _ = try consume(prepared, pointer)
                statements.prepared(key, as: name)
                return try executePrepared(pointer, name, binds, key, &statements)
            case .execute(let name):
                return try executePrepared(pointer, name, binds, key, &statements)
            }
        }
    }

    /// Runs a prepared statement; forgets it when the server no longer has it or its cached
    /// plan went stale (a schema change altered its result).
    private func executePrepared(
        _ pointer: OpaquePointer, _ name: String, _ binds: [PostgresBind], _ key: StatementCache.Key,
        _ statements: inout StatementCache
    ) throws -> PostgresRows {
        let result = withCStrings(binds.map(\.text)) { values in
            PQexecPrepared(pointer, name, Int32(binds.count), values, nil, nil, 0)
        }
        do {
            return try consume(result, pointer)
        } catch let error as PostgresError where error.sqlState == "26000" || error.sqlState == "0A000" {
            statements.forget(key)
            throw error
        }
    }

    /// Refuses values with a NUL character, which PostgreSQL text cannot hold and C strings
    /// would silently cut.
    static func checkNoNUL(_ binds: [PostgresBind]) throws {
        for (index, bind) in binds.enumerated() where bind.text?.utf8.contains(0) == true {
            throw PostgresError(.usage, "parameter $\(index + 1) contains a NUL character, which PostgreSQL text cannot store")
        }
    }

    /// Runs one statement with the given parameters, each bound with its own type.
    @discardableResult
    public func query(_ sql: String, _ values: any PostgresEncodable...) throws -> PostgresRows {
        try query(sql, values.map { PostgresBind($0) })
    }

    /// Runs a script of one or more statements with no parameters (the simple query
    /// protocol). For fixed SQL only, such as migrations: never put data into `sql`.
    public func execute(script sql: String) throws {
        try withHandle { pointer in
            let result = PQexec(pointer, sql)
            _ = try consume(result, pointer)
        }
    }

    static func execParams(_ pointer: OpaquePointer, _ sql: String, _ binds: [PostgresBind]) -> OpaquePointer? {
        let types = binds.map { $0.type.rawValue }
        return withCStrings(binds.map(\.text)) { values in
            PQexecParams(pointer, sql, Int32(binds.count), types, values, nil, nil, 0)
        }
    }

    /// Converts a `PGresult` into rows or an error, and clears it exactly once.
    ///
    /// A COPY started here (outside `copyIn`) is ended at once and refused, so the session is
    /// never left in the middle of one.
    func consume(_ result: OpaquePointer?, _ pointer: OpaquePointer) throws -> PostgresRows {
        guard let result else { throw connectionError(pointer) }
        let status = PQresultStatus(result)
        if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
            PQclear(result)
            Connection.abandonCopy(pointer, status)
            throw PostgresError(.usage, "COPY runs only through copyIn(_:_:); the statement was ended")
        }
        defer { PQclear(result) }
        do {
            guard let rows = try Connection.rows(from: result, secrets: secrets) else {
                throw connectionError(pointer)
            }
            return rows
        } catch var error as PostgresError {
            if error.sqlState == nil, PQstatus(pointer) == CONNECTION_BAD { error.kind = .connection }
            throw error
        }
    }

    /// Ends a COPY the server started: refuses its input, or reads and drops its output.
    static func abandonCopy(_ pointer: OpaquePointer, _ status: ExecStatusType) {
        if status == PGRES_COPY_OUT {
            var buffer: UnsafeMutablePointer<CChar>?
            while PQgetCopyData(pointer, &buffer, 0) > 0 {
                PQfreemem(buffer)
                buffer = nil
            }
        } else {
            _ = PQputCopyEnd(pointer, "COPY is not accepted outside copyIn")
        }
        while let result = PQgetResult(pointer) { PQclear(result) }
    }

    /// Reads a result; throws its server error; nil when libpq reports no server error but the
    /// result is not a success (the caller then reads the connection's error).
    static func rows(from result: OpaquePointer, secrets: [String]) throws -> PostgresRows? {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_PIPELINE_SYNC:
            return PostgresRows(columns: [], values: [], affectedRows: affected(result))
        case PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
            let rowCount = Int(PQntuples(result))
            let columnCount = Int(PQnfields(result))
            var columns: [PostgresRows.Column] = []
            columns.reserveCapacity(columnCount)
            for c in 0..<columnCount {
                let name = PQfname(result, Int32(c)).map { String(cString: $0) } ?? "?column?"
                columns.append(.init(name: name, type: OID(PQftype(result, Int32(c)))))
            }
            var values: [String?] = []
            values.reserveCapacity(rowCount * columnCount)
            for r in 0..<rowCount {
                for c in 0..<columnCount {
                    if PQgetisnull(result, Int32(r), Int32(c)) == 1 {
                        values.append(nil)
                    } else if let raw = PQgetvalue(result, Int32(r), Int32(c)) {
                        let length = Int(PQgetlength(result, Int32(r), Int32(c)))
                        values.append(raw.withMemoryRebound(to: UInt8.self, capacity: length) {
                            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                        })
                    } else {
                        values.append(nil)
                    }
                }
            }
            return PostgresRows(columns: columns, values: values, affectedRows: rowCount)
        case PGRES_PIPELINE_ABORTED:
            throw PostgresError(.server, "statement skipped: an earlier statement in the pipeline failed")
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR, PGRES_BAD_RESPONSE:
            throw serverError(result, secrets: secrets)
        default:
            return nil
        }
    }

    static func affected(_ result: OpaquePointer) -> Int {
        guard let tuples = PQcmdTuples(result) else { return 0 }
        return Int(String(cString: tuples)) ?? 0
    }

    static func serverError(_ result: OpaquePointer, secrets: [String]) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let raw = PQresultErrorField(result, code) else { return nil }
            return Redaction.scrub(PostgresError.oneLine(String(cString: raw)), secrets: secrets)
        }
        let fallback = PQresultErrorMessage(result).map { String(cString: $0) } ?? "server error"
        let message = field(Int32(UInt8(ascii: "M"))) ?? Redaction.scrub(PostgresError.oneLine(fallback), secrets: secrets)
        let sqlState = field(Int32(UInt8(ascii: "C")))
        return PostgresError(
            sqlState?.hasPrefix("08") == true ? .connection : .server,
            message,
            sqlState: sqlState,
            detail: field(Int32(UInt8(ascii: "D"))),
            hint: field(Int32(UInt8(ascii: "H"))),
            constraint: field(Int32(UInt8(ascii: "n"))),
            table: field(Int32(UInt8(ascii: "t"))),
            column: field(Int32(UInt8(ascii: "c"))))
    }
}

/// Calls `body` with a C array of NUL-terminated copies of `strings` (NULL for nil), freed
/// afterwards.
func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) throws -> R) rethrows -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { copies.forEach { free($0) } }
    return try body(copies.map { $0.map { UnsafePointer($0) } })
}
