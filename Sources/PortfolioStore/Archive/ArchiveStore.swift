import Foundation
import Postgres
import PortfolioCore

/// The whole portfolio with its full history, written to a directory and restored from one:
/// one CSV file per table (`ArchiveTable.all`), ids and recording times as stored, and
/// `manifest.json`. A restore into an empty database gives every `--as-of` and
/// `--as-recorded` report the source gave.
public struct ArchiveStore: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Writes the archive to the directory at `path`, which must not exist or be empty, from one view of
    /// the database (a REPEATABLE READ transaction). The files are written beside it and moved
    /// into place at the end, so a failure leaves no half-written archive. Returns the manifest.
    public func export(to path: String) throws -> ArchiveManifest {
        guard !path.isEmpty else { throw ArchiveError.unwritable("--all: the path is empty") }
        let directory = path.escapedForMessage
        let files = FileManager.default
        let target = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ArchiveError.unwritable("\(directory): is a file, not a directory") }
            let contents = (try? files.contentsOfDirectory(atPath: target.path)) ?? []
            guard contents.isEmpty else { throw ArchiveError.unwritable("\(directory): the directory is not empty") }
        }
        let staging = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        do {
            try files.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError.unwritable("\(directory): the directory cannot be created (\(Self.reason(error)))")
        }
        do {
            let manifest = try connection.transaction(isolation: .repeatableRead) { c in
                try c.execute(script: ArchiveSession.settings)
                var counts: [String: Int] = [:]
                for table in ArchiveTable.all {
                    counts[table.fileName] = try Self.write(table, from: c, to: staging.appendingPathComponent(table.fileName), shown: directory)
                }
                return ArchiveManifest(format: ArchiveManifest.formatName, version: ArchiveManifest.currentVersion,
                                       schemaVersion: try c.one(SchemaVersion()), tables: counts)
            }
            do {
                try manifest.encoded().write(to: staging.appendingPathComponent(ArchiveManifest.fileName))
                if files.fileExists(atPath: target.path) { try files.removeItem(at: target) }
                try files.moveItem(at: staging, to: target)
            } catch {
                throw ArchiveError.unwritable("\(directory): \(Self.reason(error))")
            }
            return manifest
        } catch {
            try? files.removeItem(at: staging)
            throw error
        }
    }

    private static func write(_ table: ArchiveTable, from connection: Connection, to file: URL, shown directory: String) throws -> Int {
        guard FileManager.default.createFile(atPath: file.path, contents: nil), let handle = try? FileHandle(forWritingTo: file) else {
            throw ArchiveError.unwritable("\(directory)/\(table.fileName): the file cannot be created")
        }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        func drain() throws {
            do {
                try handle.write(contentsOf: buffer)
            } catch {
                throw ArchiveError.unwritable("\(directory)/\(table.fileName): \(reason(error))")
            }
            buffer.removeAll(keepingCapacity: true)
        }
        let rows = try connection.copyOut(table.copyOut) { chunk in
            buffer.append(contentsOf: chunk)
            if buffer.count >= 1 << 18 { try drain() }
        }
        try drain()
        return rows
    }

    /// Restores the archive in the directory at `path` into this database, which must be migrated to the
    /// archive's schema version and hold no portfolio yet, in one transaction: all of it or
    /// nothing. Returns the manifest.
    public func restore(from path: String) throws -> ArchiveManifest {
        guard !path.isEmpty else { throw ArchiveError.unreadable("--all: the path is empty") }
        let directory = path.escapedForMessage
        let base = URL(fileURLWithPath: path)
        let manifestFile = base.appendingPathComponent(ArchiveManifest.fileName)
        guard let data = FileManager.default.contents(atPath: manifestFile.path) else {
            throw ArchiveError.unreadable("\(directory)/\(ArchiveManifest.fileName): no such file (is \(directory) an archive written by 'portfolio export --all'?)")
        }
        let manifest: ArchiveManifest
        do {
            manifest = try JSONDecoder().decode(ArchiveManifest.self, from: data)
        } catch {
            throw ArchiveError.invalid("\(directory)/\(ArchiveManifest.fileName): not an archive manifest")
        }
        guard manifest.format == ArchiveManifest.formatName, manifest.version == ArchiveManifest.currentVersion else {
            throw ArchiveError.invalid("\(directory)/\(ArchiveManifest.fileName): format \(manifest.format.escapedForMessage) version \(manifest.version) "
                + "is not \(ArchiveManifest.formatName) version \(ArchiveManifest.currentVersion)")
        }
        for table in ArchiveTable.all where !FileManager.default.isReadableFile(atPath: base.appendingPathComponent(table.fileName).path) {
            throw ArchiveError.unreadable("\(directory)/\(table.fileName): no such file")
        }
        try connection.transaction { c in
            try c.execute(script: ArchiveSession.settings)
            let schema = try c.one(SchemaVersion())
            guard schema == manifest.schemaVersion else {
                throw ArchiveError.invalid("the archive was written at schema version \(manifest.schemaVersion) and this database is at "
                    + "\(schema): restore it into a database migrated by the same release")
            }
            let present = try c.one(ArchivedRowsPresent())
            guard present == 0 else { throw ArchiveError.notEmpty(present) }
            do {
                try c.execute(script: LedgerEntryChecks.off)
            } catch let error as PostgresError where error.sqlState == SQLState.insufficientPrivilege {
                throw ArchiveError.notOwner
            }
            try c.execute(RemoveSeededTargets())
            try c.execute(RemoveSeededSectors())
            for table in ArchiveTable.all {
                let file = base.appendingPathComponent(table.fileName)
                let rows = try Self.read(table, into: c, from: file, shown: "\(directory)/\(table.fileName)")
                if let expected = manifest.tables[table.fileName], expected != rows {
                    throw ArchiveError.invalid("\(directory)/\(table.fileName): \(rows) rows, the manifest says \(expected)")
                }
                if table.hasSequence { _ = try c.run(ResetArchiveSequence(table)) }
            }
            try c.execute(script: LedgerEntryChecks.on)
        }
        return manifest
    }

    private static func read(_ table: ArchiveTable, into connection: Connection, from file: URL, shown: String) throws -> Int {
        guard let handle = try? FileHandle(forReadingFrom: file) else { throw ArchiveError.unreadable("\(shown): cannot be read") }
        defer { try? handle.close() }
        do {
            return try connection.copyIn(table.copyIn) { writer in
                while true {
                    let chunk: Data?
                    do {
                        chunk = try handle.read(upToCount: 1 << 18)
                    } catch {
                        throw ArchiveError.unreadable("\(shown): \(reason(error))")
                    }
                    guard let chunk, !chunk.isEmpty else { break }
                    try writer.writeRaw(chunk)
                }
            }
        } catch let error as PostgresError where error.kind == .server {
            throw ArchiveError.invalid("\(shown): \(FailureReport.message(for: error)) (\(error.message.split(separator: "\n").first ?? ""))")
        }
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
