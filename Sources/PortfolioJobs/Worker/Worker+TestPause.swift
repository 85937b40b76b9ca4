/// The test-only pause point between a lane's claim and its hold (`WorkerOptions.testPauseBeforeHold`).
extension Worker {
    /// Lane 0 waits, when a pause is set, before holding a batch that holds a first attempt.
    func pauseBeforeHold(lane: Int, _ claimed: [ClaimedJob]) async {
        guard let pause = options.testPauseBeforeHold, lane == 0, claimed.contains(where: { $0.attempt == 1 }) else { return }
        try? await Task.sleep(for: pause)
    }
}
