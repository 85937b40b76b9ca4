/// Gathers every problem found while checking several fields, instead of stopping at the first.
struct ProblemCollector {
    private(set) var problems: [DomainError] = []

    /// Runs `body`; on failure records its error attributed to `field` and returns `nil`.
    mutating func check<Value>(_ field: String, _ body: () throws(DomainError) -> Value) -> Value? {
        do {
            return try body()
        } catch {
            problems.append(error.inField(field))
            return nil
        }
    }

    /// Records a problem.
    mutating func add(_ problem: DomainError) {
        problems.append(problem)
    }
}
