import CSV
import Foundation
import Postgres
import PortfolioCore
import XML

/// Imports an IATI 2.0x activity file: each activity as a project with its ledger, all or
/// nothing.
///
/// The file is read twice, one activity at a time, so its size does not bound memory: first to
/// map every activity and report every one it cannot take (`FILE:LINE: message`), then, when
/// none was refused, to write them in one transaction, where the first thing the database
/// refuses (a code taken, a disbursement above its commitment) is reported the same way and
/// nothing is kept.
public struct IATIImporter: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// What an import did.
    public struct Report: Sendable, Equatable {
        public var projects = 0
        public var transactions = 0
        /// Transactions of types the ledger does not keep.
        public var leftOut = 0
    }

    /// Imports the file at `path`.
    ///
    /// - Throws: `ImportFailure` with every problem; `StoreError.unreadable` when the file
    ///   cannot be read.
    public func importFile(path: String, sectors choice: ImportSectors = .grouped, actor: String) throws -> Report {
        guard !path.isEmpty else { throw StoreError.unreadable("an empty path names no file") }
        let sectors = try SectorStore(connection).importSectors(choice)
        let sector: (String) -> String? = { sectors[$0]?.code }
        var problems: [String] = []
        var codes: [String: Int] = [:]
        var ownSectors: Set<String> = []
        try Self.read(path) { record in
            switch IATIImportMapping.map(record, sector: sector) {
            case .failure(let failure):
                problems += failure.problems.map { "\(path):\($0.line): \($0.message)" }
            case .success(let imported):
                let key = imported.project.code.rawValue.lowercased()
                if let first = codes[key] {
                    problems.append("\(path):\(record.line): project \(imported.project.code) is in the file twice (first on line \(first))")
                } else {
                    codes[key] = record.line
                }
                if imported.project.sectorCode.hasPrefix(DACSector.ownSectorPrefix) { ownSectors.insert(imported.project.sectorCode) }
            }
        }
        if codes.isEmpty && problems.isEmpty { problems.append("\(path): no iati-activity in the file") }
        if !problems.isEmpty { throw ImportFailure(problems: problems) }
        return try connection.transaction { c in
            var report = Report()
            var written: [LedgerStore.Written] = []
            if choice == .dac {
                // The sectors of their own the activities name, before the projects that refer to them.
                for code in ownSectors.sorted() {
                    if let own = sectors[String(code.dropFirst(DACSector.ownSectorPrefix.count))], own.code == code {
                        _ = try c.first(InsertSectorIfNew(own))
                    }
                }
            }
            // The projects, staged and written as a whole (every refusal reported by line) ...
            let projects = try ProjectImporter(c).importValidated(fileName: path, actor: actor) { stage in
                try Self.read(path) { record in
                    guard case .success(let imported) = IATIImportMapping.map(record, sector: sector) else { return }
                    try stage(record.line, imported.project, imported.aggregates)
                    report.transactions += imported.transactions.count
                    report.leftOut += imported.leftOut
                }
            }
            report.projects = projects.imported
            // ... then their ledgers, in file order; the first refusal ends the import.
            if report.transactions > 0 {
                try Self.read(path) { record in
                    guard case .success(let imported) = IATIImportMapping.map(record, sector: sector) else { return }
                    do {
                        for entry in imported.transactions {
                            written.append(try LedgerStore(c).record(entry, actor: actor, where: "\(path):\(record.line)"))
                        }
                    } catch let error as StoreError {
                        let text = error.description
                        throw ImportFailure(problems: [text.hasPrefix(path + ":") ? text : "\(path):\(record.line): \(text)"])
                    }
                }
            }
            try LedgerStore(c).recordRollupChanges(written)
            try AuditLog.record(c, actor: actor, action: "iati.import", entity: "file", key: path,
                                before: [String: Int]?.none, after: ["projects": report.projects, "transactions": report.transactions])
            return report
        }
    }

    /// Hands every activity of the file at `path` to `body`, in order.
    static func read(_ path: String, _ body: (IATIActivityRecord) throws -> Void) throws {
        var source: CSVFileSource
        do {
            source = try CSVFileSource(path: path)
        } catch {
            throw StoreError.unreadable("\(path): cannot be read")
        }
        var reader = IATIActivityReader { try source.nextChunk() }
        do {
            while let record = try reader.next() { try body(record) }
        } catch let error as XMLError {
            throw ImportFailure(problems: ["\(path):\(error.line): \(error.message)"])
        }
    }
}
