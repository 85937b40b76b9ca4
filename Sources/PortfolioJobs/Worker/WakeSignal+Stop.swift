extension WakeSignal {
    /// Sleeps for `timeout`, returning early once `stop` is set (stopping signals the wake).
    ///
    /// Returns at once in a cancelled task, whose waits do not wait.
    func waitUntilStopped(_ stop: StopFlag, timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while !stop.isSet && !Task.isCancelled {
            let left = ContinuousClock.now.duration(to: deadline)
            if left <= .zero { return }
            await wait(timeout: left)
        }
    }
}
