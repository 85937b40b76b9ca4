/// The rows a query returned, copied out of libpq's result (which is freed at once).
public struct PostgresRows: Sendable, RandomAccessCollection {
    /// A result column: its name and type.
    public struct Column: Sendable, Hashable {
        public let name: String
        public let type: OID
    }

    public let columns: [Column]
    /// Values in row-major order; nil is SQL NULL.
    let values: [String?]
    /// The number of rows a command touched (`INSERT`, `UPDATE`, `DELETE`, `COPY`), or the
    /// number returned by a `SELECT`.
    public let affectedRows: Int

    init(columns: [Column], values: [String?], affectedRows: Int) {
        self.columns = columns
        self.values = values
        self.affectedRows = affectedRows
    }

    static let empty = PostgresRows(columns: [], values: [], affectedRows: 0)

    public var startIndex: Int { 0 }
    public var endIndex: Int { columns.isEmpty ? 0 : values.count / columns.count }

    /// The row at `position`. A position out of range gives a row whose accessors throw,
    /// rather than a trap.
    public subscript(position: Int) -> PostgresRow { PostgresRow(rows: self, index: position) }

    /// The index of a column by name.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// The single value of a one-row, one-column result, decoded.
    public func scalar<T: PostgresDecodable>(_ type: T.Type = T.self) throws -> T {
        guard let first else {
            throw PostgresError(.decoding, "expected one row, got none")
        }
        return try first.decode(type, at: 0)
    }
}

/// One row of a result.
public struct PostgresRow: Sendable {
    let rows: PostgresRows
    let index: Int

    /// The raw text of a column: nil for NULL, and also nil for a column or row out of
    /// range (`rawText(at:)` tells the two apart).
    public func text(at column: Int) -> String? {
        try? rawText(at: column)
    }

    /// The raw text of a column (nil for NULL).
    ///
    /// - Throws: `PostgresError` of kind `.decoding` when the column, or this row, is out of
    ///   range.
    public func rawText(at column: Int) throws(PostgresError) -> String? {
        rows.values[try offset(of: column)]
    }

    /// Where a column of this row sits in `rows.values`, checked.
    private func offset(of column: Int) throws(PostgresError) -> Int {
        let columns = rows.columns.count
        guard index >= 0, index < rows.count else {
            throw PostgresError(.decoding, "row \(index) is out of range (the result has \(rows.count))")
        }
        guard column >= 0, column < columns else {
            throw PostgresError(.decoding, "column \(column) is out of range (the row has \(columns))")
        }
        return index * columns + column
    }

    /// Decodes the value at a column position.
    ///
    /// - Throws: `PostgresError` of kind `.decoding` naming the column, its type and the
    ///   Swift type asked for, or a column or row out of range.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws -> T {
        let offset = try offset(of: column)
        let info = rows.columns[column]
        guard let text = rows.values[offset] else {
            guard let null = T.postgresNull else {
                throw PostgresError(.decoding, "column \"\(info.name)\" is NULL; expected \(T.self)", column: info.name)
            }
            return null
        }
        guard let value = T.decode(postgresText: text, type: info.type) else {
            throw PostgresError(
                .decoding,
                "column \"\(info.name)\" of type \(info.type) cannot be decoded as \(T.self)",
                column: info.name)
        }
        return value
    }

    /// Decodes the value of a column by name.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ name: String) throws -> T {
        guard let column = rows.columnIndex(name) else {
            throw PostgresError(.decoding, "no column named \"\(name)\" in the result", column: name)
        }
        return try decode(type, at: column)
    }

    /// Decodes the first columns as a tuple of values.
    public func decode<each T: PostgresDecodable>(_ types: repeat (each T).Type) throws -> (repeat each T) {
        var column = 0
        func next<U: PostgresDecodable>(_ type: U.Type) throws -> U {
            defer { column += 1 }
            return try decode(type, at: column)
        }
        return (repeat try next(each types))
    }
}
