import ArgumentParser

/// One parser for every whole-number flag and argument (`--limit`, `--timeout`,
/// `--expect-version`, job and snapshot ids), so each kind is refused the same way: a value
/// outside its range is a usage error (exit 64) that says the range.
enum WholeNumber {
    /// A limit on how many rows a listing prints.
    static let limit = 1...100_000
    /// Seconds a command waits.
    static let seconds = 1...86_400
    /// A database id or a version.
    static let identifier = 1...Int(Int64.max)

    /// A transform for `@Option(transform:)` and `@Argument(transform:)` that accepts ASCII
    /// digits in `range` and nothing else (no sign, no spaces, no `0x`).
    static func parser(_ range: ClosedRange<Int>) -> @Sendable (String) throws -> Int {
        { text in
            guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let number = Int(text), range.contains(number) else {
                throw ValidationError("must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
    }
}
