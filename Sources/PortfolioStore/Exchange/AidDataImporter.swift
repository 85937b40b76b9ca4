import CSV
import Foundation
import Postgres
import PortfolioCore

/// Imports AidData's Global Chinese Development Finance dataset 3.0 as published (CSV, header
/// as is): each record a project (`AidDataImportMapping`), all or nothing.
///
/// The file is read twice, one record at a time, so its size does not bound memory: first to map
/// every record and report every one it cannot take (`FILE:LINE: column: message`), then, when
/// none was refused, to write them in one transaction. Each project records where it came from
/// (`project_sources`); one AidData does not recommend for aggregates is kept but counts in no
/// report or rollup, unless `includeNotRecommended`.
public struct AidDataImporter: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// The dataset's name in `project_sources`.
    public static let dataset = "AidData GCDF 3.0"

    /// How to import.
    public struct Options: Sendable, Equatable {
        /// Only records whose `Recipient` or `Recipient ISO-3` is this, ignoring case.
        public var recipient: String?
        public var amount: AidDataAmountBasis
        public var sectors: ImportSectors
        /// Count records AidData does not recommend for aggregates as well.
        public var includeNotRecommended: Bool

        public init(recipient: String? = nil, amount: AidDataAmountBasis = .nominalUSD, sectors: ImportSectors = .grouped,
                    includeNotRecommended: Bool = false) {
            self.recipient = recipient
            self.amount = amount
            self.sectors = sectors
            self.includeNotRecommended = includeNotRecommended
        }
    }

    /// What an import did.
    public struct Report: Sendable, Equatable {
        public var projects = 0
        /// Records of other recipients.
        public var otherRecipients = 0
        /// Projects kept out of aggregates (not recommended by AidData).
        public var outOfAggregates = 0
        /// Projects whose lenders' shares are estimated.
        public var estimatedShares = 0
        /// Projects whose record publishes no amount (value zero).
        public var withoutAmount = 0
        /// Sectors added (`ImportSectors.dac`).
        public var sectorsAdded = 0
    }

    /// Imports the file at `path`.
    ///
    /// - Throws: `ImportFailure` with every problem; `StoreError.unreadable` when the file
    ///   cannot be read.
    public func importFile(path filePath: String, options: Options = Options(), actor: String) throws -> Report {
        var sectors = try SectorStore(connection).importSectors(options.sectors)
        var problems: [String] = []
        var codes: [String: Int] = [:]
        var recipients: [String: Int] = [:]
        var dacCodes: Set<String> = []
        var report = Report()
        let path = try Self.read(filePath) { record in
            guard Self.wanted(record, options.recipient) else {
                report.otherRecipients += 1
                recipients[record[AidDataColumns.recipient], default: 0] += 1
                return
            }
            let dac = AidDataImportMapping.dacCode(record)
            if sectors[dac] == nil, DACSector.isCode(dac) {
                // A code neither codelist has: named as the file names it.
                let name = AidDataImportMapping.folded(record[AidDataColumns.sectorName], limit: 200)
                let own = (try? Sector(code: DACSector.ownSectorPrefix + dac, name: name.isEmpty ? "DAC \(dac)" : name, dacCode: dac))
                sectors[dac] = options.sectors == .dac ? own : (try? Sector(code: DACSector.grouping(dac), name: DACSector.grouping(dac)))
            }
            dacCodes.insert(dac)
            switch AidDataImportMapping.map(record, amount: options.amount, sector: { sectors[$0]?.code }) {
            case .failure(let refusal):
                problems += refusal.messages.map { "\(filePath.escapedForMessage):\(record.line): \($0)" }
            case .success(let mapped):
                let key = mapped.project.code.rawValue.lowercased()
                if let first = codes[key] {
                    problems.append("\(filePath.escapedForMessage):\(record.line): record \(mapped.recordID) is in the file twice (first on line \(first))")
                } else {
                    codes[key] = record.line
                }
            }
        } problems: { problems.append($0) }
        if problems.isEmpty && codes.isEmpty {
            if let recipient = options.recipient {
                let found = recipients.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5).map(\.key)
                problems.append("\(path): no record has the recipient \(recipient.quotedForMessage)"
                    + (found.isEmpty ? "" : " (the file's recipients include \(found.joined(separator: ", ")))"))
            } else {
                problems.append("\(path): no record in the file")
            }
        }
        if !problems.isEmpty { throw ImportFailure(problems: problems) }
        let known = sectors
        return try connection.transaction { c in
            var sources: [(code: String, source: ProjectSource)] = []
            var coFinanciers: [String] = []
            let write = { (stage: (Int, ValidatedProject, Bool) throws -> Void) throws in
                _ = try Self.read(filePath) { record in
                    guard Self.wanted(record, options.recipient) else { return }
                    guard case .success(let mapped) = AidDataImportMapping.map(record, amount: options.amount, sector: { known[$0]?.code })
                    else { return }
                    let aggregates = mapped.recommended || options.includeNotRecommended
                    try stage(record.line, mapped.project, aggregates)
                    coFinanciers += mapped.coFinanciers
                    sources.append((mapped.project.code.rawValue, ProjectSource(
                        dataset: Self.dataset, recordID: mapped.recordID,
                        amountBasis: mapped.amountPublished ? options.amount.rawValue : "none published",
                        sharesEstimated: mapped.sharesEstimated, coFinanciers: mapped.coFinanciers, aggregates: aggregates)))
                    if !aggregates { report.outOfAggregates += 1 }
                    if mapped.sharesEstimated { report.estimatedShares += 1 }
                    if !mapped.amountPublished { report.withoutAmount += 1 }
                } problems: { _ in }
            }
            if options.sectors == .dac {
                // The sectors of their own the records need, named by the codelist, before the
                // projects that refer to them.
                for dac in dacCodes.sorted() {
                    if let sector = known[dac], try c.first(InsertSectorIfNew(sector)) != nil { report.sectorsAdded += 1 }
                }
            }
            let written = try ProjectImporter(c).importValidated(fileName: path, actor: actor, today: .today(), write)
            report.projects = written.imported
            _ = try LenderStore(c).ensure(coFinanciers, actor: actor)
            try c.execute(InsertProjectSources(sources))
            try AuditLog.record(c, actor: actor, action: "aiddata.import", entity: "file", key: filePath,
                                before: [String: Int]?.none,
                                after: ["projects": report.projects, "out_of_aggregates": report.outOfAggregates])
            return report
        }
    }

    private static func wanted(_ record: AidDataRecord, _ recipient: String?) -> Bool {
        guard let recipient = recipient.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }), !recipient.isEmpty else { return true }
        return record[AidDataColumns.recipient].lowercased() == recipient || record[AidDataColumns.recipientISO].lowercased() == recipient
    }

    /// Hands every record of the file to `body`, and every record that does not read (or has
    /// another number of fields than the header) to `problems`; returns the path as messages
    /// name it.
    ///
    /// - Throws: `StoreError.unreadable`; `ImportFailure` for a header that is not GCDF 3.0's.
    static func read(_ filePath: String, _ body: (AidDataRecord) throws -> Void, problems: (String) -> Void) throws -> String {
        let (reader, path) = try CSVImportFile.open(filePath, options: CSVOptions(maxFieldBytes: 4 << 20))
        var columns: AidDataColumns?
        for result in reader {
            let record: CSVRecord
            switch result {
            case .failure(let error):
                if error.kind == .readFailed { throw StoreError.unreadable("\(path): \(error.message)") }
                problems("\(path):\(error.line): \(error.message)")
                continue
            case .success(let value): record = value
            }
            guard let known = columns else {
                do {
                    columns = try AidDataColumns(header: record.fields)
                } catch {
                    throw ImportFailure(problems: ["\(path):\(record.line): \(error.message)"])
                }
                continue
            }
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            guard record.fields.count == known.count else {
                problems("\(path):\(record.line): \(record.fields.count) fields, but the header has \(known.count)")
                continue
            }
            try body(AidDataRecord(line: record.line, fields: record.fields, columns: known))
        }
        if columns == nil { throw ImportFailure(problems: ["\(path): the file is empty; an AidData GCDF 3.0 file starts with its header"]) }
        return path
    }
}
