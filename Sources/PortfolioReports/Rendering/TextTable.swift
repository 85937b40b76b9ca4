/// A plain-text table with aligned columns, for terminals.
public struct TextTable: Sendable {
    /// How a column's cells line up.
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        /// Cells longer than this are cut with `…`; nil means no limit.
        public var maxWidth: Int?

        public init(_ title: String, _ alignment: Alignment = .left, maxWidth: Int? = nil) {
            self.title = title
            self.alignment = alignment
            self.maxWidth = maxWidth
        }
    }

    public var columns: [Column]
    public var rows: [[String]] = []
    /// Rows drawn under a rule at the bottom, such as totals.
    public var footer: [[String]] = []

    public init(_ columns: [Column]) { self.columns = columns }

    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The table as lines joined by newlines, ending with one.
    public func render() -> String {
        let cut: ([String]) -> [String] = { row in
            columns.indices.map { index in
                let cell = index < row.count ? TextTable.flatten(row[index]) : ""
                guard let limit = columns[index].maxWidth, cell.count > limit, limit > 1 else { return cell }
                return String(cell.prefix(limit - 1)) + "…"
            }
        }
        let header = columns.map(\.title)
        let body = rows.map(cut)
        let foot = footer.map(cut)
        var widths = header.map(\.count)
        for row in body + foot {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                parts.append(columns[index].alignment == .right ? padding + cell : cell + padding)
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in body { out += line(row) + "\n" }
        if !foot.isEmpty {
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            for row in foot { out += line(row) + "\n" }
        }
        return out
    }

    /// Newlines and tabs in a cell would break the layout: show them as spaces.
    static func flatten(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
