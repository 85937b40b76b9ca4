/// One claim of one job: the job's id and the token its claim took.
///
/// A token is never reused (each claim takes a new one from a sequence), so a claim names one
/// attempt: after the job was rescued and claimed again, by this worker or another, the old
/// claim's completion, failure, release and heartbeat change nothing.
public struct JobClaim: Sendable, Hashable {
    public let id: Int
    public let token: Int

    public init(id: Int, token: Int) {
        self.id = id
        self.token = token
    }
}

extension Array where Element == JobClaim {
    /// The ids and the tokens, as two parallel arrays for a statement's parameters.
    public var idsAndTokens: (ids: [Int], tokens: [Int]) { (map(\.id), map(\.token)) }
}
