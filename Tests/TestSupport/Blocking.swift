import Foundation
import Synchronization

/// Runs blocking work (libpq calls, sockets, waiting for a child process) on a thread of its
/// own, off Swift's cooperative pool, and awaits its result.
///
/// The pool has one thread per core (two on the CI machines): a test that blocked one of them
/// while waiting for an executable would starve every other test's tasks, a worker's
/// heartbeat among them.
public enum Blocking {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Waits for `task` at most `timeout`; nil if it has not finished by then (it keeps
    /// running).
    public static func result<T: Sendable>(
        of task: Task<T, any Error>, within timeout: Duration
    ) async -> Result<T, any Error>? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>?, Never>) in
            let once = ResumeOnce(continuation)
            Task { once.resume(with: await task.result) }
            Task {
                try? await Task.sleep(for: timeout)
                once.resume(with: nil)
            }
        }
    }
}

/// Resumes a continuation once, from whichever caller comes first.
final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>

    init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(with value: Value) {
        let pending = continuation.withLock { current -> CheckedContinuation<Value, Never>? in
            defer { current = nil }
            return current
        }
        pending?.resume(returning: value)
    }
}
