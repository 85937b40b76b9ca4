import Synchronization

/// Holds the worker's lanes back until a sibling service is ready (the HTTP listener has
/// bound its address), or lets them go without starting when it failed or the group stops.
public final class StartGate: Sendable {
    private enum State {
        case waiting([UInt64: CheckedContinuation<Bool, Never>], next: UInt64)
        case decided(Bool)
    }

    private let state = Mutex(State.waiting([:], next: 0))

    public init() {}

    /// Lets every waiter, present and future, start.
    public func open() { decide(true) }

    /// Tells every waiter, present and future, not to start. Opening afterwards changes nothing.
    public func close() { decide(false) }

    private func decide(_ outcome: Bool) {
        let waiters = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            guard case .waiting(let waiters, _) = state else { return [] }
            state = .decided(outcome)
            return Array(waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: outcome) }
    }

    /// Waits until the gate opens (true) or closes (false); a cancelled wait returns false.
    public func wait() async -> Bool {
        let id = state.withLock { state -> UInt64 in
            guard case .waiting(let waiters, let next) = state else { return 0 }
            state = .waiting(waiters, next: next + 1)
            return next + 1
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let now = state.withLock { state -> Bool? in
                    switch state {
                    case .decided(let outcome): return outcome
                    case .waiting(var waiters, let next):
                        if Task.isCancelled { return false }
                        waiters[id] = continuation
                        state = .waiting(waiters, next: next)
                        return nil
                    }
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                guard case .waiting(var waiters, let next) = state else { return nil }
                let waiter = waiters.removeValue(forKey: id)
                state = .waiting(waiters, next: next)
                return waiter
            }
            waiter?.resume(returning: false)
        }
    }
}
