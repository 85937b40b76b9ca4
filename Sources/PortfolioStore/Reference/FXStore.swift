import Postgres
import PortfolioCore

/// FX rates: units of the quote currency for one unit of a currency, per date.
public struct FXStore: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Sets (or replaces) one rate.
    public func set(_ rate: FXRate, actor: String) throws {
        try connection.transaction { c in try upsert(c, [rate], actor: actor) }
    }

    /// Sets many rates in one transaction.
    ///
    /// - Throws: `StoreError.invalid` (nothing written) when two rates share a currency, quote
    ///   and date: one would silently replace the other.
    public func set(_ rates: [FXRate], actor: String) throws {
        var seen = Set<FXRate.Key>()
        for rate in rates where !seen.insert(rate.key).inserted {
            throw StoreError.invalid("two rates for \(rate.key); give each currency, quote and date once")
        }
        try connection.transaction { c in try upsert(c, rates, actor: actor) }
    }

    private func upsert(_ c: Connection, _ rates: [FXRate], actor: String) throws {
        guard !rates.isEmpty else { return }
        let rows = rates.map { UpsertFXRate($0).query }
        try c.executeBatch(rows[0].sql, types: rows[0].binds.map(\.type), rows: rows.map(\.binds))
        struct Change: Encodable { let count: Int; let first: String; let last: String }
        try AuditLog.record(c, actor: actor, action: "fx.set", entity: "fx", key: rates.count == 1 ? rates[0].description : "\(rates.count) rates",
                            before: Change?.none, after: Change(count: rates.count, first: rates[0].description, last: rates[rates.count - 1].description))
        try RollupDeltas.reset(c, reason: "FX rates changed")
        try JobInserter.enqueue(c, [.rollupAfterChange()])
    }

    /// Every rate, by currency, quote and date.
    public func list() throws -> [FXRate] {
        try connection.run(ListFXRates())
    }

    /// A stored rate from a row's `currency`, `quote` and `rate` (as text) columns and its date column.
    static func rate(from row: PostgresRow, dateColumn: String) throws -> FXRate {
        let text = try row.decode(String.self, "rate")
        guard let rate = try? ExactDecimal.parse(text) else {
            throw PostgresError(.decoding, "stored FX rate \(text) is not a decimal the tracker reads")
        }
        do {
            return try FXRate(currency: try row.currency("currency"), quote: try row.currency("quote"),
                              date: try row.localDate(dateColumn), rate: rate)
        } catch {
            throw PostgresError(.decoding, "stored FX rate is invalid: \(error)")
        }
    }

    /// All rates as a table for conversion.
    public func table() throws -> FXTable { FXTable(try list()) }
}
