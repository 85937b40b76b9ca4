import Hummingbird
import PortfolioJobs
import PortfolioWorker
import ServiceLifecycle

/// Runs the HTTP endpoints in the worker's service group. When the listener fails — its
/// address was taken between the check at start and the bind — it closes the lanes' start
/// gate and throws a `ListenFailure` that says why, so the group shuts down gracefully and
/// the worker exits with the failure's code.
struct HTTPListenerService<Application: ApplicationProtocol>: Service {
    let application: Application
    let address: ListenAddress
    let gate: StartGate

    func run() async throws {
        do {
            try await application.run()
        } catch {
            gate.close()
            // The check names the cause (in use, not local, ...) where the server's error is raw.
            _ = try address.checkListenable()
            throw ListenFailure(reason: .other, address: address, detail: "the HTTP listener stopped (\(error))")
        }
    }
}
