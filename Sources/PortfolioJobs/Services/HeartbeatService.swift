import ServiceLifecycle

/// The heartbeat in a service group. It renews leases until the lanes have returned, so it is
/// listed before them: the group stops it after them, and no lease lapses while a lane
/// finishes. It then waits for its own turn to stop, as a group requires of its services.
struct HeartbeatService: Service {
    let heartbeat: Heartbeat

    func run() async throws {
        await heartbeat.run()
        try? await gracefulShutdown()
    }
}
