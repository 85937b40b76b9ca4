/// Retry delays: exponential in the attempt number, capped, with jitter so that jobs that
/// failed together do not retry together.
public struct Backoff: Sendable, Hashable {
    /// The delay after the first failure, in seconds.
    public var base: Double
    /// The longest delay, in seconds.
    public var maximum: Double
    /// The share of the delay added at random, 0...1.
    public var jitter: Double

    public init(base: Double = 1, maximum: Double = 3600, jitter: Double = 0.25) {
        self.base = base
        self.maximum = maximum
        self.jitter = jitter
    }

    /// The delay before the next attempt after `attempt` failures: `base·2^(attempt−1)`
    /// capped at `maximum`, plus up to `jitter` of it at random.
    public func delay(afterAttempt attempt: Int, random: Double) -> Double {
        let exponent = Double(min(max(attempt, 1) - 1, 62))
        let plain = min(maximum, base * pow2(exponent))
        return plain + plain * jitter * min(max(random, 0), 1)
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        var remaining = Int(exponent)
        while remaining > 0 && value < maximum * 2 {
            value *= 2
            remaining -= 1
        }
        return value
    }
}
