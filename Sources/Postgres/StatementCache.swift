/// The statements one session has prepared, by SQL text and parameter types.
///
/// A statement runs unnamed the first time; from its second run on it is prepared once and
/// executed by name, so the server parses and plans it once per session. Statements run only
/// once (most of a CLI command's) cost no extra round trip. The cache is bounded: past `limit`
/// statements, preparing a new one evicts the least recently used, whose name joins
/// `pendingDeallocation` so the session can `DEALLOCATE` it on the server.
///
/// A cache made with `named: false` runs every statement unnamed: the session goes through a
/// connection pooler, which may run each transaction on a different server session, where a
/// name prepared on another would be missing or, worse, name another client's statement.
struct StatementCache {
    struct Key: Hashable {
        let sql: String
        let types: [UInt32]
    }

    /// What to do with a statement about to run.
    enum Plan: Equatable {
        /// Run it unnamed.
        case unnamed
        /// Prepare it under this name, then run it.
        case prepare(String)
        /// Run the statement prepared under this name.
        case execute(String)
    }

    private struct Entry {
        let name: String
        var lastUse: UInt64
    }

    static let defaultLimit = 256

    /// The most statements kept prepared at once.
    let limit: Int
    private var entries: [Key: Entry] = [:]
    private var seenOnce: Set<Key> = []
    private var counter = 0
    private var clock: UInt64 = 0
    /// Names of statements the cache dropped that the server still holds.
    private(set) var pendingDeallocation: [String] = []

    /// Whether statements are ever prepared under a name.
    let named: Bool

    init(limit: Int = StatementCache.defaultLimit, named: Bool = true) {
        self.limit = max(1, limit)
        self.named = named
    }

    /// The number of statements prepared now.
    var count: Int { entries.count }

    /// The plan for `key`, counting this run.
    mutating func plan(for key: Key) -> Plan {
        guard named else { return .unnamed }
        clock += 1
        if var entry = entries[key] {
            entry.lastUse = clock
            entries[key] = entry
            return .execute(entry.name)
        }
        guard seenOnce.contains(key) else {
            if seenOnce.count >= 4 * limit { seenOnce.removeAll(keepingCapacity: true) }
            seenOnce.insert(key)
            return .unnamed
        }
        return .prepare(nextName())
    }

    /// A plan to prepare `key` again at once, after its prepared statement went stale.
    mutating func replan(for key: Key) -> Plan {
        guard named else { return .unnamed }
        clock += 1
        return .prepare(nextName())
    }

    private mutating func nextName() -> String {
        if entries.count >= limit, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            entries[oldest.key] = nil
            pendingDeallocation.append(oldest.value.name)
        }
        counter += 1
        return "portfolio_s\(counter)"
    }

    /// Records that `key` is prepared under `name`.
    mutating func prepared(_ key: Key, as name: String) {
        seenOnce.remove(key)
        entries[key] = Entry(name: name, lastUse: clock)
    }

    /// Forgets `key`, whose prepared statement the server still holds but can no longer run
    /// (its cached plan went stale); its name joins `pendingDeallocation`, and its next run
    /// prepares it again.
    mutating func forget(_ key: Key) {
        if let entry = entries.removeValue(forKey: key) {
            pendingDeallocation.append(entry.name)
            seenOnce.insert(key)
        }
    }

    /// Forgets every statement without deallocating: the server no longer has them
    /// (`DEALLOCATE ALL`, `DISCARD ALL`). The next run of each prepares it again.
    mutating func serverDroppedAll() {
        seenOnce.formUnion(entries.keys)
        entries.removeAll()
        pendingDeallocation.removeAll()
    }

    /// Records that the names in `pendingDeallocation` were deallocated.
    mutating func deallocated() {
        pendingDeallocation.removeAll()
    }

    /// Forgets everything, for a session that was reset.
    mutating func removeAll() {
        entries.removeAll()
        seenOnce.removeAll()
        pendingDeallocation.removeAll()
    }
}
