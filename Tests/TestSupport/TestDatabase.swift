import Foundation
import Postgres
import PortfolioStore

/// A database of its own for one test, cloned from a migrated template (or empty), dropped
/// when the test ends.
public struct TestDatabase: Sendable {
    /// The database's name.
    public let name: String
    /// Settings that reach it.
    public let configuration: ConnectionConfiguration
    /// A URL that reaches it, for child processes.
    public let url: String
    /// A small pool on it.
    public let pool: ConnectionPool

    /// Runs `body` with a new database: migrated (cloned from the template) or empty.
    public static func with<T: Sendable>(
        migrated: Bool = true, _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        let template = migrated ? try await TestCluster.migratedTemplate.value : "template0"
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).lowercased()
        try await TestCluster.admin.withConnection { connection in
            // Identifiers cannot be parameters; both names are generated here, never input.
            try connection.execute(script: "CREATE DATABASE \(name) TEMPLATE \(template)")
        }
        let database = TestDatabase(
            name: name,
            configuration: TestCluster.configuration.with(database: name),
            url: TestCluster.url(database: name),
            pool: ConnectionPool(configuration: TestCluster.configuration.with(database: name), size: 4))
        do {
            let result = try await body(database)
            await database.drop()
            return result
        } catch {
            await database.drop()
            throw error
        }
    }

    /// Runs blocking work with a pooled connection.
    public func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await pool.withConnection(body)
    }

    private func drop() async {
        await pool.close()
        let name = self.name
        _ = try? await TestCluster.admin.withConnection { connection in
            try connection.execute(script: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }
}

/// The cluster the tests run against: `DATABASE_URL`, or the embedded cluster's default.
public enum TestCluster {
    /// The administrator's connection string.
    public static let connectionString: String =
        ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "postgresql://postgres@127.0.0.1:54329/portfolio"

    public static let configuration: ConnectionConfiguration = {
        do {
            return try ConnectionConfiguration(connectionString, applicationName: "portfolio-tests")
        } catch {
            preconditionFailure("DATABASE_URL for the tests is invalid: \(error)")
        }
    }()

    /// Connections for creating and dropping databases.
    public static let admin = ConnectionPool(configuration: configuration, size: 2)

    /// The name of a template database migrated to the current schema, made once per run.
    public static let migratedTemplate = Task<String, any Error> {
        let name = "portfolio_template_\(schemaFingerprint)"
        try await admin.withConnection { connection in
            try connection.query("SELECT pg_advisory_lock(4242)")
            defer { _ = try? connection.query("SELECT pg_advisory_unlock(4242)") }
            let exists = try connection.query("SELECT count(*) FROM pg_database WHERE datname = $1", name).scalar(Int.self)
            if exists == 0 {
                let building = name + "_building"
                try connection.execute(script: "DROP DATABASE IF EXISTS \(building) WITH (FORCE)")
                try connection.execute(script: "CREATE DATABASE \(building) TEMPLATE template0")
                let target = try Connection(configuration: configuration.with(database: building))
                defer { target.close() }
                _ = try Migrator().migrate(target)
                target.close()
                try connection.execute(script: "ALTER DATABASE \(building) RENAME TO \(name)")
            }
        }
        return name
    }

    /// A short hash of every migration's text, so a changed schema gets a new template.
    static var schemaFingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for migration in Migration.all {
            for byte in "\(migration.version)\u{0}\(migration.sql)".utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }

    /// The cluster's TCP port, from its URL (5432 when the URL names none).
    public static var port: UInt16 {
        URLComponents(string: connectionString)?.port.flatMap { UInt16(exactly: $0) } ?? 5432
    }

    /// The administrator's URL with another database name.
    public static func url(database: String) -> String {
        guard let scheme = connectionString.range(of: "://") else {
            return connectionString + " dbname=\(database)"
        }
        let afterScheme = connectionString[scheme.upperBound...]
        let pathStart = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? afterScheme.endIndex
        let authority = connectionString[..<pathStart]
        var rest = connectionString[pathStart...]
        if rest.hasPrefix("/") {
            rest = rest.dropFirst()
            let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
            rest = rest[queryStart...]
        }
        return authority + "/" + database + rest
    }
}
