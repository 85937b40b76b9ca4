import Logging
import ServiceLifecycle

/// The lanes in a service group. Graceful shutdown (or cancellation) asks them to stop: each
/// finishes the job in hand and returns the rest of its batch. Listed last, so they are the
/// first the group stops.
struct LanesService: Service {
    let lanes: Lanes
    let logger: Logger
    /// What the "worker starting" line says.
    let startMetadata: Logger.Metadata
    /// When set, the lanes start only once it opens; closed, the service returns at once.
    let startGate: StartGate?

    func run() async throws {
        await withGracefulShutdownHandler {
            if let startGate, await !startGate.wait() {
                lanes.state.lanesHaveReturned()
                return
            }
            // Logged here, once the service group traps SIGTERM and SIGINT and the listener (if
            // any) has bound its address: a signal sent after this line is seen means a graceful stop.
            logger.info("worker starting", metadata: startMetadata)
            try? await lanes.run(untilIdle: false)
        } onGracefulShutdown: {
            startGate?.close()
            lanes.state.requestStop()
        }
    }
}
