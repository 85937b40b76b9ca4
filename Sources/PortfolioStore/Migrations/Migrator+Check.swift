import Postgres
import PortfolioCore

extension Migrator {
    /// The database's schema is not the one this program was built for.
    public struct SchemaMismatch: CommandFailure, Equatable {
        /// The newest version the database has (0 when it was never migrated).
        public let databaseVersion: Int
        /// The newest version this program knows.
        public let programVersion: Int

        public init(databaseVersion: Int, programVersion: Int) {
            self.databaseVersion = databaseVersion
            self.programVersion = programVersion
        }

        public var exitStatus: ExitStatus { .unavailable }

        public var description: String {
            if databaseVersion > programVersion {
                return "the database schema (version \(databaseVersion)) is newer than this program (version \(programVersion)); use a newer program"
            }
            if databaseVersion == 0 { return FailureReport.notMigrated }
            return "the database is not migrated: it is at schema version \(databaseVersion), this program needs \(programVersion); run 'portfolio migrate'"
        }
    }

    /// Refuses a database whose recorded migrations are not exactly this program's: never
    /// migrated, migrated by an older program, or by a newer one.
    ///
    /// - Throws: `SchemaMismatch` (exit 69).
    public func requireCurrent(_ connection: Connection) throws {
        let versions = try appliedVersions(connection)
        let known = migrations.map(\.version)
        guard versions != known else { return }
        let newest = known.last ?? 0
        if let unknown = versions.first(where: { !known.contains($0) }) {
            throw SchemaMismatch(databaseVersion: unknown, programVersion: newest)
        }
        // Every recorded version is known: the last one before the first gap says how far it got.
        let reached = known.prefix { versions.contains($0) }.last ?? 0
        throw SchemaMismatch(databaseVersion: reached, programVersion: newest)
    }
}
