import XML

/// Reads an IATI codelist file of DAC 3-digit sectors (`SectorCategory.xml`, as published at
/// <https://iatistandard.org/en/iati-standard/203/codelists/sectorcategory/>): each
/// `codelist-item`'s code, its first narrative without `xml:lang` (English) and whether its
/// status is `withdrawn`.
public enum DACCodelistReader {
    /// The entries of the codelist that `nextChunk` reads.
    ///
    /// - Throws: `XMLError` for a file that is not well-formed, not a codelist, or holds an item
    ///   without a valid code or name.
    public static func read(_ nextChunk: @escaping () throws -> [UInt8]?) throws -> [DACSector] {
        var xml = XMLReader(nextChunk)
        var entries: [DACSector] = []
        var path: [String] = []
        var code = "", name: String?, withdrawn = false, itemLine = 0
        var text = ""
        var englishNarrative = false
        while let event = try xml.next() {
            switch event {
            case .start(let element):
                if path.isEmpty && element.name != "codelist" {
                    throw XMLError(line: element.line, message: "the root is <\(element.name)>, not <codelist>")
                }
                path.append(element.name)
                text = ""
                if element.name == "codelist-item" {
                    code = ""
                    name = nil
                    withdrawn = element["status"] == "withdrawn"
                    itemLine = element.line
                }
                englishNarrative = element.name == "narrative" && element["xml:lang"] == nil
                    && path.dropLast().last == "name" && path.contains("codelist-item")
            case .text(let piece, _):
                text += piece
            case .end:
                let closed = path.popLast()
                if closed == "code" && path.last == "codelist-item" { code = text }
                if closed == "narrative" && englishNarrative && name == nil { name = text }
                englishNarrative = false
                if closed == "codelist-item" {
                    do {
                        entries.append(try DACSector(code: code, name: name ?? "", withdrawn: withdrawn))
                    } catch {
                        throw XMLError(line: itemLine, message: "codelist-item: \(error.message)")
                    }
                }
                text = ""
            }
        }
        if entries.isEmpty { throw XMLError(line: xml.line, message: "the codelist holds no codelist-item") }
        return entries
    }
}
