import Metrics

/// The worker's metrics, through swift-metrics (exported in Prometheus format by the daemon).
public struct WorkerMetrics: Sendable {
    public init() {}

    public func completed(kind: String, count: Int = 1) {
        Counter(label: "portfolio_jobs_completed_total", dimensions: [("kind", kind)]).increment(by: count)
    }

    public func failed(kind: String, outcome: String) {
        Counter(label: "portfolio_jobs_failed_total", dimensions: [("kind", kind), ("outcome", outcome)]).increment()
    }

    /// One claim query run by a lane (whether it found jobs or not).
    public func claimed() {
        Counter(label: "portfolio_worker_claim_queries_total").increment()
    }

    /// Time from a job being due to it being claimed.
    public func claimLatency(seconds: Double) {
        Recorder(label: "portfolio_job_claim_latency_seconds", aggregate: true).record(max(0, seconds))
    }

    public func queueDepth(_ depth: Int) {
        Gauge(label: "portfolio_jobs_queue_depth").record(depth)
    }

    public func leader(_ isLeader: Bool) {
        Gauge(label: "portfolio_worker_leader").record(isLeader ? 1 : 0)
    }
}
