import ServiceLifecycle

/// The leader elector and maintenance loop in a service group. Graceful shutdown cancels a pass
/// still waiting for a silent database; then the worker gives up the leader lease, so another
/// worker takes over at once instead of when the lease expires.
struct MaintenanceService: Service {
    let maintenance: LeaderMaintenance

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await maintenance.run()
        }
        await maintenance.resign()
    }
}
