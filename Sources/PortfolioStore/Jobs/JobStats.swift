/// Counts of jobs by kind and state.
public struct JobStats: Sendable, Codable, Hashable {
    public struct Row: Sendable, Codable, Hashable {
        public let kind: String
        public let state: JobState
        public let count: Int
    }
    public let rows: [Row]
    /// Jobs due now and not yet started.
    public let due: Int
    /// Seconds the oldest due job has waited.
    public let oldestDueSeconds: Double

    public init(rows: [Row], due: Int, oldestDueSeconds: Double) {
        self.rows = rows
        self.due = due
        self.oldestDueSeconds = oldestDueSeconds
    }
}
