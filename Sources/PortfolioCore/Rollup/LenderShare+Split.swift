extension LenderShare {
    /// Splits `amount` by `shares` with the largest-remainder method, so the parts add up exactly to `amount`.
    ///
    /// Each lender first gets its share rounded toward zero; the minor units left over go one
    /// each to the lenders with the largest remainders, ties going to the lender whose name's
    /// UTF-8 bytes sort first (the order of PostgreSQL's `COLLATE "C"`, which the migrations and
    /// the checks use). The names must be the lenders' stored names, as a fold and a full
    /// recomputation see them: a name typed in another case can break a tie the other way. A
    /// negative amount is split like its magnitude. The parts are in the order of `shares`.
    /// Throws when the shares are not a valid list (see `validate(_:)`).
    public static func split(_ amount: Money, by shares: [LenderShare]) throws(DomainError) -> [Money] {
        try validate(shares)
        return splitValidated(amount, by: shares)
    }

    /// `split(_:by:)` for shares already known to be valid.
    static func splitValidated(_ amount: Money, by shares: [LenderShare]) -> [Money] {
        let magnitude = amount.minorUnits.magnitude
        var parts: [UInt128] = []
        var remainders: [UInt128] = []
        parts.reserveCapacity(shares.count)
        remainders.reserveCapacity(shares.count)
        var assigned: UInt128 = 0
        for share in shares {
            // Full width: magnitude × basis points may pass 128 bits; the quotient never passes magnitude.
            let (part, remainder) = UInt128(10_000).dividingFullWidth(magnitude.multipliedFullWidth(by: UInt128(share.basisPoints)))
            parts.append(part)
            remainders.append(remainder)
            assigned += part
        }
        let leftover = magnitude - assigned
        let order = shares.indices.sorted { left, right in
            if remainders[left] != remainders[right] { return remainders[left] > remainders[right] }
            return shares[left].lender.utf8.lexicographicallyPrecedes(shares[right].lender.utf8)
        }
        for index in order.prefix(Int(clamping: leftover)) {
            parts[index] += 1
        }
        let negative = amount.minorUnits < 0
        return parts.map { part in
            let units = Int128(truncatingIfNeeded: part)
            return Money(minorUnits: negative ? 0 &- units : units, currency: amount.currency)
        }
    }
}
