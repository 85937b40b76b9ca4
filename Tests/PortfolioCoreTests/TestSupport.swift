import PortfolioCore

/// A deterministic random number generator (SplitMix64), so generated cases repeat run to run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The `DomainError` thrown by `body`, or `nil` when it succeeds.
func domainError<T>(_ body: () throws(DomainError) -> T) -> DomainError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// The problems of the `ValidationFailure` thrown by `body`, or `[]` when it succeeds.
func problems<T>(_ body: () throws(ValidationFailure) -> T) -> [DomainError] {
    do {
        _ = try body()
        return []
    } catch {
        return error.problems
    }
}

/// A date from a literal known to be valid; records an issue and falls back otherwise.
func date(_ text: String) -> LocalDate {
    (try? LocalDate.parse(text)) ?? LocalDate.earliest
}

/// Shares from a literal list known to be valid.
func shares(_ text: String) -> [LenderShare] {
    (try? LenderShare.parseList(text)) ?? []
}
