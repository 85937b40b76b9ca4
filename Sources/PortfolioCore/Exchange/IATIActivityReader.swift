import XML

/// Reads an IATI activity file one `iati-activity` at a time, so a file of any number of
/// activities is read in memory bounded by its largest activity.
///
/// The root must be `iati-activities` of version 2.0x. Attributes of the tracker's namespace
/// (`IATICodes.extensionNamespace`) are found by the prefix the file declares for it.
public struct IATIActivityReader {
    private var xml: XMLReader
    private var ourPrefix: String?
    private var started = false

    /// Reads the chunks `nextChunk` returns.
    public init(_ nextChunk: @escaping () throws -> [UInt8]?) {
        xml = XMLReader(nextChunk)
    }

    /// The line the reader has reached.
    public var line: Int { xml.line }

    /// The next activity, or nil after the last.
    ///
    /// - Throws: `XMLError` for input that is not well-formed or not an IATI activity file.
    public mutating func next() throws -> IATIActivityRecord? {
        while let event = try xml.next() {
            switch event {
            case .start(let element):
                if !started {
                    guard element.name == "iati-activities" else {
                        throw XMLError(line: element.line, message: "the root is <\(element.name)>, not <iati-activities>")
                    }
                    guard let version = element["version"], version.hasPrefix("2.0") else {
                        throw XMLError(line: element.line, message: "iati-activities version \(element["version"] ?? "(none)") is not 2.0x")
                    }
                    started = true
                    declare(element)
                    continue
                }
                if element.name == "iati-activity" {
                    declare(element)
                    return try activity(element)
                }
                try skip(element.name)
            case .end, .text:
                continue
            }
        }
        return nil
    }

    private mutating func declare(_ element: XMLElementStart) {
        for attribute in element.attributes where attribute.name.hasPrefix("xmlns:") && attribute.value == IATICodes.extensionNamespace {
            ourPrefix = String(attribute.name.dropFirst(6))
        }
    }

    private func ours(_ element: XMLElementStart, _ name: String) -> String? {
        ourPrefix.flatMap { element["\($0):\(name)"] }
    }

    /// Skips to the end of the element `name` just started.
    private mutating func skip(_ name: String) throws {
        var depth = 1
        while depth > 0, let event = try xml.next() {
            switch event {
            case .start: depth += 1
            case .end: depth -= 1
            case .text: continue
            }
        }
    }

    /// The first narrative's text inside the element just started, then its end.
    private mutating func narrative() throws -> String? {
        var depth = 1
        var found: String?
        var inNarrative = false
        var text = ""
        while depth > 0, let event = try xml.next() {
            switch event {
            case .start(let element):
                depth += 1
                if element.name == "narrative" && found == nil && depth == 2 { inNarrative = true; text = "" }
            case .text(let piece, _):
                if inNarrative { text += piece }
            case .end:
                depth -= 1
                if inNarrative && depth == 1 { found = text; inNarrative = false }
            }
        }
        return found
    }

    private mutating func activity(_ start: XMLElementStart) throws -> IATIActivityRecord {
        var record = IATIActivityRecord(line: start.line)
        record.defaultCurrency = start["default-currency"]
        record.ourValue = ours(start, "value")
        record.ourValueDate = ours(start, "value-date")
        record.ourAggregates = ours(start, "aggregates")
        while let event = try xml.next() {
            switch event {
            case .text: continue
            case .end: return record
            case .start(let element):
                switch element.name {
                case "iati-identifier":
                    record.identifier = TextRules.trimmed(try elementText())
                case "reporting-org":
                    record.reportingOrgRef = element["ref"]
                    try skip(element.name)
                case "title":
                    let title = try narrative()
                    if record.title == nil { record.title = title }
                case "description":
                    let text = try narrative()
                    if record.description == nil && (element["type"] ?? "1") == "1" {
                        record.description = text
                        record.descriptionIsTitle = ours(element, "from") == "title"
                    }
                case "participating-org":
                    let name = try narrative()
                    if let name {
                        record.funders.append(.init(name: name, role: element["role"], shareBasisPoints: ours(element, "share-bp"), line: element.line))
                    }
                case "activity-status":
                    record.statusCode = element["code"]
                    record.statusLine = element.line
                    record.ourStatus = ours(element, "status")
                    try skip(element.name)
                case "activity-date":
                    if let type = element["type"], let date = element["iso-date"] {
                        record.dates[type] = date
                        if type == "1" && ours(element, "from") == "value-date" { record.startIsValueDate = true }
                    }
                    try skip(element.name)
                case "sector":
                    if let code = element["code"] {
                        record.sectors.append(.init(vocabulary: element["vocabulary"] ?? "1", code: code,
                                                    vocabularyURI: element["vocabulary-uri"], line: element.line))
                    }
                    try skip(element.name)
                case "location":
                    let name = try locationName()
                    if record.location == nil { record.location = name }
                case "transaction":
                    record.transactions.append(try transaction(element))
                default:
                    try skip(element.name)
                }
            }
        }
        throw XMLError(line: xml.line, message: "the input ends inside <iati-activity>")
    }

    /// The text content of the element just started, then its end.
    private mutating func elementText() throws -> String {
        var depth = 1
        var text = ""
        while depth > 0, let event = try xml.next() {
            switch event {
            case .start: depth += 1
            case .end: depth -= 1
            case .text(let piece, _): if depth == 1 { text += piece }
            }
        }
        return text
    }

    private mutating func locationName() throws -> String? {
        var depth = 1
        var name: String?
        while depth > 0, let event = try xml.next() {
            switch event {
            case .start(let element):
                if element.name == "name" && depth == 1 {
                    let text = try narrative()
                    if name == nil { name = text }
                } else {
                    depth += 1
                }
            case .end: depth -= 1
            case .text: continue
            }
        }
        return name
    }

    private mutating func transaction(_ start: XMLElementStart) throws -> IATIActivityRecord.Transaction {
        var transaction = IATIActivityRecord.Transaction(line: start.line)
        transaction.reference = start["ref"]
        transaction.ourType = ours(start, "type")
        transaction.forced = ours(start, "forced") == "true"
        while let event = try xml.next() {
            switch event {
            case .text: continue
            case .end: return transaction
            case .start(let element):
                switch element.name {
                case "transaction-type":
                    transaction.typeCode = element["code"]
                    try skip(element.name)
                case "transaction-date":
                    transaction.date = element["iso-date"]
                    try skip(element.name)
                case "value":
                    transaction.currency = element["currency"]
                    transaction.valueDate = element["value-date"]
                    transaction.value = TextRules.trimmed(try elementText())
                case "description":
                    transaction.note = try narrative()
                case "provider-org":
                    transaction.provider = try narrative()
                default:
                    try skip(element.name)
                }
            }
        }
        throw XMLError(line: xml.line, message: "the input ends inside <transaction>")
    }
}
