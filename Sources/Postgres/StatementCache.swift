/// The statements one session has prepared, by SQL text and parameter types.
///
/// A statement runs unnamed the first time; from its second run on it is prepared once and
/// executed by name, so the server parses and plans it once per session. Statements run only
/// once (most of a CLI command's) cost no extra round trip. The cache is bounded: past `limit`
/// statements, new ones run unnamed.
struct StatementCache {
    struct Key: Hashable {
        let sql: String
        let types: [UInt32]
    }

    /// What to do with a statement about to run.
    enum Plan {
        /// Run it unnamed.
        case unnamed
        /// Prepare it under this name, then run it.
        case prepare(String)
        /// Run the statement prepared under this name.
        case execute(String)
    }

    static let limit = 256

    private var names: [Key: String] = [:]
    private var seenOnce: Set<Key> = []
    private var counter = 0

    /// The plan for `key`, counting this run.
    mutating func plan(for key: Key) -> Plan {
        if let name = names[key] { return .execute(name) }
        guard names.count < Self.limit else { return .unnamed }
        guard seenOnce.contains(key) else {
            if seenOnce.count >= 4 * Self.limit { seenOnce.removeAll(keepingCapacity: true) }
            seenOnce.insert(key)
            return .unnamed
        }
        counter += 1
        return .prepare("portfolio_s\(counter)")
    }

    /// Records that `key` is prepared under `name`.
    mutating func prepared(_ key: Key, as name: String) {
        seenOnce.remove(key)
        names[key] = name
    }

    /// Forgets `key` (its prepared statement failed or no longer exists).
    mutating func forget(_ key: Key) {
        names[key] = nil
    }

    /// Forgets everything, for a session that was reset.
    mutating func removeAll() {
        names.removeAll()
        seenOnce.removeAll()
    }
}
