import Foundation
import Logging
import Postgres
import PortfolioStore

/// Listens for `NOTIFY portfolio_jobs` on a connection of its own, on a thread of its own
/// (the wait blocks in `poll`), and wakes idle lanes. Reconnects with backoff when the
/// database goes away. Through a connection pooler, where LISTEN cannot be trusted, it says so
/// once and stands idle until stopped: idle lanes then find new jobs by polling alone.
public final class NotificationListener: Sendable {
    let configuration: ConnectionConfiguration
    let wake: WakeSignal
    let logger: Logger
    let cancellation: CancellationSignal

    public init(configuration: ConnectionConfiguration, wake: WakeSignal, logger: Logger) throws {
        self.configuration = configuration
        self.wake = wake
        self.logger = logger
        self.cancellation = try CancellationSignal()
    }

    /// Stops the listener; `run` returns soon after.
    public func stop() { cancellation.cancel() }

    /// Listens until `stop` is called.
    public func listen() async {
        await DedicatedThread.run(name: "portfolio-listener") { [self] in self.loop() }
    }

    private func loop() {
        var failures = 0
        while !cancellation.isCancelled {
            do {
                let connection = try Connection(configuration: configuration)
                defer { connection.close() }
                try connection.listen(JobInserter.channel)
                if failures > 0 { logger.info("listener reconnected") }
                failures = 0
                // Jobs may have arrived while we were away.
                wake.signal()
                while true {
                    if try connection.waitForNotification(timeout: .seconds(30), cancellation: cancellation) != nil {
                        wake.signal()
                    }
                }
            } catch let error as PostgresError where error.kind == .cancelled {
                return
            } catch let error as PostgresError where error == .listenThroughPooler {
                logger.notice("the database connection goes through a pooler, where notifications cannot be relied on; idle lanes poll for new jobs")
                // Returning would end the worker's service group.
                while !cancellation.waitFor(seconds: 3600) {}
                return
            } catch {
                failures += 1
                let delay = Lanes.reconnect.delay(afterAttempt: failures, random: 0)
                logger.warning("listener lost the database; retrying", metadata: [
                    "error": "\(FailureReport.message(for: error))", "retry_in_s": "\(delay)",
                ])
                if cancellation.waitFor(seconds: delay) { return }
            }
        }
    }
}

extension CancellationSignal {
    /// Waits up to `seconds`; true when cancelled meanwhile.
    func waitFor(seconds: Double) -> Bool {
        var fds = [pollfd(fd: fileDescriptorForWaiting, events: Int16(POLLIN), revents: 0)]
        return poll(&fds, 1, Int32(seconds * 1000)) > 0
    }
}
