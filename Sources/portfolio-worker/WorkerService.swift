import Logging
import PortfolioJobs
import ServiceLifecycle

/// Runs the worker inside a service group; graceful shutdown asks it to stop.
struct WorkerService: Service {
    let worker: Worker
    let listener: NotificationListener
    let logger: Logger
    /// What the "worker starting" line says.
    let startMetadata: Logger.Metadata

    func run() async throws {
        // Logged here, once the service group traps SIGTERM and SIGINT: a signal sent after this
        // line is seen means a graceful stop.
        logger.info("worker starting", metadata: startMetadata)
        await withGracefulShutdownHandler {
            await worker.run(listener: listener)
        } onGracefulShutdown: {
            worker.requestStop()
        }
    }
}
