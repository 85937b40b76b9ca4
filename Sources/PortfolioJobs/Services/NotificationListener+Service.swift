import ServiceLifecycle

/// The listener in a service group: graceful shutdown (or cancellation) stops it.
extension NotificationListener: Service {
    public func run() async throws {
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await listen()
            } onGracefulShutdown: {
                self.stop()
            }
        } onCancel: {
            self.stop()
        }
    }
}
