extension RollupInput {
    /// One of a project's rollup facts, named, as text: `lenders` `Bank of China=100`.
    public struct Fact: Hashable, Sendable, CustomStringConvertible {
        /// `status`, `value`, `value_date`, `sector` or `lenders`.
        public let name: String
        /// The fact's text.
        public let text: String

        /// `name text`.
        public var description: String { "\(name) \(text)" }
    }

    /// Every fact the rollup uses, in a fixed order: status, value, value date, sector, lenders.
    public var facts: [Fact] {
        [
            Fact(name: "status", text: status.rawValue),
            Fact(name: "value", text: value.description),
            Fact(name: "value_date", text: valueDate.description),
            Fact(name: "sector", text: sectorCode),
            Fact(name: "lenders", text: LenderShare.format(lenders)),
        ]
    }

    /// The facts that differ between `self` (before) and `after`, as pairs of before and after, in
    /// the order of `facts`. Empty when the two hold the same facts.
    public func changedFacts(to after: RollupInput) -> [(before: Fact, after: Fact)] {
        zip(facts, after.facts).filter { $0.text != $1.text }.map { (before: $0, after: $1) }
    }
}
