import PortfolioJobs
import ServiceLifecycle

/// Runs the worker inside a service group; graceful shutdown asks it to stop.
struct WorkerService: Service {
    let worker: Worker
    let listener: NotificationListener

    func run() async throws {
        await withGracefulShutdownHandler {
            await worker.run(listener: listener)
        } onGracefulShutdown: {
            worker.requestStop()
        }
    }
}
