import Foundation

/// Blocking work (a libpq wait in `poll`) on a thread of its own, never on the cooperative
/// pool, awaited until it returns.
public enum DedicatedThread {
    /// Runs `body` on a new thread named `name`; returns when it has returned.
    public static func run(name: String, _ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                body()
                continuation.resume()
            }
            thread.name = name
            thread.start()
        }
    }
}
