import Postgres
import PortfolioCore

/// Applies migrations in order, each in its own transaction, recording each with a checksum.
///
/// Each transaction takes a transaction-level advisory lock and reads what is recorded before
/// it applies anything, so concurrent runs take turns migration by migration (each is applied
/// once, by whichever run comes to it first) with no session state, through a connection
/// pooler too. A recorded migration whose text changed is reported as an error.
public struct Migrator: Sendable {
    /// What a run did.
    public struct Report: Sendable, Equatable {
        /// The migrations applied by this run, in order.
        public var applied: [Migration]
        /// The version of the schema after the run.
        public var currentVersion: Int
    }

    /// A recorded migration whose text no longer matches what was applied.
    public struct TamperedError: CommandFailure, Sendable {
        public var exitStatus: ExitStatus { .dataError }

        public let version: Int
        public let name: String
        public var description: String {
            "migration \(version) (\(name)) was changed after it was applied; restore it and add a new migration instead"
        }
    }

    /// The database has migrations this program does not know (it is older than the schema).
    public struct UnknownVersionError: CommandFailure, Sendable {
        public var exitStatus: ExitStatus { .dataError }

        public let version: Int
        public var description: String {
            "the database has migration \(version), which this program does not know; use a newer program"
        }
    }

    /// Advisory lock key shared by every `migrate` run.
    static let lockKey: Int64 = 0x706F_7274_666F_6C69  // "portfoli"

    public let migrations: [Migration]

    public init(migrations: [Migration] = Migration.all) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Brings the schema up to date.
    public func migrate(_ connection: Connection) throws -> Report {
        let known = try connection.transaction { connection -> [Int: String] in
            try connection.execute(TransactionLock(key: Migrator.lockKey, shared: false))
            try connection.execute(CreateMigrationsTable())
            let known = try recorded(connection)
            for migration in migrations {
                guard let stored = known[migration.version] else { continue }
                if stored != (try checksum(of: migration, connection)) {
                    throw TamperedError(version: migration.version, name: migration.name)
                }
            }
            let ours = Set(migrations.map(\.version))
            if let unknown = known.keys.sorted().first(where: { !ours.contains($0) }) {
                throw UnknownVersionError(version: unknown)
            }
            return known
        }
        var applied: [Migration] = []
        for migration in migrations where known[migration.version] == nil {
            let appliedHere = try connection.transaction { connection -> Bool in
                try connection.execute(TransactionLock(key: Migrator.lockKey, shared: false))
                // A concurrent run may have applied it while this one waited.
                guard try recorded(connection)[migration.version] == nil else { return false }
                try connection.execute(script: migration.sql)
                try connection.execute(RecordMigration(
                    version: migration.version, name: migration.name, checksum: try checksum(of: migration, connection)))
                return true
            }
            if appliedHere { applied.append(migration) }
        }
        let current = (known.keys + migrations.filter { known[$0.version] == nil }.map(\.version)).max() ?? 0
        return Report(applied: applied, currentVersion: current)
    }

    private func recorded(_ connection: Connection) throws -> [Int: String] {
        var known: [Int: String] = [:]
        for (version, checksum) in try connection.run(AppliedMigrations()) {
            known[version] = checksum
        }
        return known
    }

    /// The versions recorded in the database (empty when it was never migrated).
    public func appliedVersions(_ connection: Connection) throws -> [Int] {
        guard try connection.one(MigrationsTableExists()) else { return [] }
        return try connection.run(AppliedMigrations()).map(\.version)
    }

    /// SHA-256 of the migration's text, computed by the server.
    private func checksum(of migration: Migration, _ connection: Connection) throws -> String {
        try connection.one(MigrationChecksum(sql: migration.sql))
    }
}
