import Synchronization

/// Rendered answers by ETag, kept while the change feed says nothing changed: a repeated
/// request is served from memory. At most `capacity` answers and `maxBytes` of them; the
/// oldest go first.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        let body: String
        let type: String
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var bytes = 0
    }

    let capacity: Int
    let maxBytes: Int
    private let state = Mutex(State())

    init(capacity: Int = 256, maxBytes: Int = 64 << 20) {
        self.capacity = capacity
        self.maxBytes = maxBytes
    }

    func get(_ tag: String) -> Entry? {
        state.withLock { $0.entries[tag] }
    }

    func put(_ tag: String, _ entry: Entry) {
        let size = entry.body.utf8.count
        guard size <= maxBytes / 4 else { return }
        state.withLock { state in
            guard state.entries[tag] == nil else { return }
            state.entries[tag] = entry
            state.order.append(tag)
            state.bytes += size
            while state.order.count > capacity || state.bytes > maxBytes, let oldest = state.order.first {
                state.order.removeFirst()
                state.bytes -= state.entries.removeValue(forKey: oldest)?.body.utf8.count ?? 0
            }
        }
    }
}
