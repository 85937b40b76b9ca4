import Synchronization

/// Set once when the worker starts shutting down; read from lanes and their connection queues.
public final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)

    public init() {}

    public var isSet: Bool { value.load(ordering: .acquiring) }

    public func set() { value.store(true, ordering: .releasing) }
}
