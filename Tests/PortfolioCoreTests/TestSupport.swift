import PortfolioCore

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
