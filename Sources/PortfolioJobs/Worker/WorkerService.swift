import Logging
import ServiceLifecycle

/// Runs the worker inside a service group; graceful shutdown asks it to stop, and so does
/// cancellation (the worker then stops the same way).
public struct WorkerService: Service {
    public let worker: Worker
    public let listener: NotificationListener?
    public let logger: Logger
    /// What the "worker starting" line says.
    public let startMetadata: Logger.Metadata
    /// When set, the lanes start only once it opens; closed, the service returns at once.
    public let startGate: StartGate?

    public init(worker: Worker, listener: NotificationListener?, logger: Logger, startMetadata: Logger.Metadata, startGate: StartGate? = nil) {
        self.worker = worker
        self.listener = listener
        self.logger = logger
        self.startMetadata = startMetadata
        self.startGate = startGate
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            if let startGate, await !startGate.wait() { return }
            // Logged here, once the service group traps SIGTERM and SIGINT and the listener (if
            // any) has bound its address: a signal sent after this line is seen means a graceful stop.
            logger.info("worker starting", metadata: startMetadata)
            await worker.run(listener: listener)
        } onGracefulShutdown: {
            startGate?.close()
            worker.requestStop()
        }
    }
}
