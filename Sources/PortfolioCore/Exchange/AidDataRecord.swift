/// One record of an AidData GCDF 3.0 file: its fields by column name.
public struct AidDataRecord: Sendable {
    /// The line the record starts on.
    public let line: Int
    let fields: [String]
    let columns: AidDataColumns

    public init(line: Int, fields: [String], columns: AidDataColumns) {
        self.line = line
        self.fields = fields
        self.columns = columns
    }

    /// The field of the column `name`, trimmed; "" when the file has no such column.
    public subscript(_ name: String) -> String {
        guard let index = columns.positions[name], index < fields.count else { return "" }
        return TextRules.trimmed(fields[index])
    }

    /// The `|`-separated names of the column `name`, trimmed, blanks and repeats (regardless of
    /// case) left out, in order.
    public func list(_ name: String) -> [String] {
        var seen: Set<String> = []
        return self[name].split(separator: "|", omittingEmptySubsequences: true)
            .map { TextRules.trimmed(String($0)) }
            .filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }
}
