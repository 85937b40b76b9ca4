import Foundation
import PortfolioStore

/// The test-only pause point between a lane's claim and its hold (`WorkerOptions.testPauseBeforeHold`).
extension Lanes {
    /// Lane 0 waits, when a pause is set, before holding a batch that holds a first attempt.
    ///
    /// It runs on the lane's connection queue, between the claim and the hold, so it blocks
    /// that thread (a test's stand-in for a stalled lane).
    func pauseBeforeHold(lane: Int, _ claimed: [ClaimedJob]) {
        guard let pause = options.testPauseBeforeHold, lane == 0, claimed.contains(where: { $0.attempt == 1 }) else { return }
        let (seconds, attoseconds) = pause.components
        usleep(UInt32(clamping: seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
    }
}
