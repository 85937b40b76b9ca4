/// One versioned schema change: applied once, in order, in its own transaction.
public struct Migration: Sendable, Hashable {
    /// Increasing version number; also the order of application.
    public let version: Int
    /// A short name, shown when the migration is applied.
    public let name: String
    /// The SQL script (fixed text, no user data).
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

extension Migration {
    /// Every migration of the schema, in order.
    public static let all: [Migration] = [
        Migration(version: 1, name: "initial schema", sql: Migration0001.sql),
        Migration(version: 2, name: "claim index and periodic runs", sql: Migration0002.sql),
        Migration(version: 3, name: "rollup deltas", sql: Migration0003.sql),
        Migration(version: 4, name: "lender parts", sql: Migration0004.sql),
        Migration(version: 5, name: "value bounds and field history", sql: Migration0005.sql),
        Migration(version: 7, name: "project codes unique regardless of case", sql: Migration0007.sql),
        Migration(version: 8, name: "lender parts split by stored names", sql: Migration0008.sql),
        Migration(version: 9, name: "periodic runs by insert time", sql: Migration0009.sql),
        Migration(version: 10, name: "claim tokens and leaving running without a key collision", sql: Migration0010.sql),
        Migration(version: 11, name: "the ledger of transactions after the signature", sql: Migration0011.sql),
        Migration(version: 12, name: "the history of names, dates, locations and descriptions", sql: Migration0012.sql),
        Migration(version: 13, name: "the ledger in the rollup", sql: Migration0013.sql),
        Migration(version: 14, name: "DAC sectors, project sources and aggregates", sql: Migration0014.sql),
        Migration(version: 15, name: "API tokens", sql: Migration0015.sql),
        Migration(version: 16, name: "change notifications", sql: Migration0016.sql),
        Migration(version: 17, name: "ledger conversion inlined into its callers", sql: Migration0017.sql),
    ]
}
