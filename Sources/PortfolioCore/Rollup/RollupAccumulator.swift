/// A running rollup that projects can be added to and removed from, one at a time, without keeping them.
///
/// It keeps one tally per sector, status and lender, so its size grows with those keys, not with
/// the projects. Removing an input undoes adding the same input exactly, so a store can keep a
/// rollup current by removing a project's old facts and adding its new ones. The FX table is
/// fixed at creation: an input converts the same way when removed as when added. The accumulator
/// does not remember project codes; adding one project twice counts it twice.
public struct RollupAccumulator: Hashable, Sendable {
    /// The reporting currency.
    public let currency: Currency
    /// The rates inputs convert at.
    public let fx: FXTable

    var overall = RollupTally()
    var sectors: [String: RollupTally] = [:]
    var statuses: [ProjectStatus: RollupTally] = [:]
    var lenders: [String: RollupTally] = [:]

    /// An empty accumulator reporting in `currency` with the rates of `fx`.
    public init(currency: Currency, fx: FXTable) {
        self.currency = currency
        self.fx = fx
    }

    /// The number of projects added and not removed.
    public var projectCount: Int { overall.projects }

    /// Whether no project is in the rollup.
    public var isEmpty: Bool { overall.projects == 0 }

    /// Adds one project's facts; on a missing rate or overflow throws and changes nothing.
    public mutating func add(_ input: RollupInput) throws(DomainError) {
        let share = try contribution(of: input)
        guard let overall = overall.adding(value: share.value.minorUnits, counted: share.counted),
              let sector = sectors[input.sectorCode, default: RollupTally()]
                  .adding(value: share.value.minorUnits, counted: share.counted),
              let status = statuses[input.status, default: RollupTally()]
                  .adding(value: share.value.minorUnits, counted: share.counted)
        else { throw Self.tooLarge(input, share.value) }
        var lenderTallies: [RollupTally] = []
        for part in share.lenders {
            guard let tally = lenders[part.name, default: RollupTally()].adding(value: part.value, counted: part.counted)
            else { throw Self.tooLarge(input, share.value) }
            lenderTallies.append(tally)
        }
        self.overall = overall
        sectors[input.sectorCode] = sector
        statuses[input.status] = status
        for (part, tally) in zip(share.lenders, lenderTallies) {
            lenders[part.name] = tally
        }
    }

    /// Removes one project's facts, exactly as `add(_:)` added them; throws and changes nothing when
    /// the input cannot have been added (a key or amount would go below zero) or its rate is missing.
    public mutating func remove(_ input: RollupInput) throws(DomainError) {
        let share = try contribution(of: input)
        guard let overall = overall.removing(value: share.value.minorUnits, counted: share.counted),
              let sector = sectors[input.sectorCode]?.removing(value: share.value.minorUnits, counted: share.counted),
              let status = statuses[input.status]?.removing(value: share.value.minorUnits, counted: share.counted)
        else { throw Self.notAdded(input) }
        var lenderTallies: [RollupTally] = []
        for part in share.lenders {
            guard let tally = lenders[part.name]?.removing(value: part.value, counted: part.counted)
            else { throw Self.notAdded(input) }
            lenderTallies.append(tally)
        }
        self.overall = overall
        sectors[input.sectorCode] = Self.kept(sector)
        statuses[input.status] = Self.kept(status)
        for (part, tally) in zip(share.lenders, lenderTallies) {
            lenders[part.name] = Self.kept(tally)
        }
    }

    /// The rollup of the projects held, against `target` (converted at the latest rate on or before `asOf`
    /// when it is in another currency).
    public func result(target: Target, asOf: LocalDate) throws(DomainError) -> Rollup {
        let amount: Money
        do {
            amount = try fx.convert(target.amount, to: currency, on: asOf)
        } catch {
            throw DomainError(error.message, field: "target")
        }
        return try Rollup(
            asOf: asOf, currency: currency, target: amount,
            bySector: sectors.map { $0.value.row($0.key, currency: currency) },
            byStatus: statuses.map { $0.value.row($0.key.rawValue, currency: currency) },
            byLender: lenders.map { $0.value.row($0.key, currency: currency) }
        )
    }

    /// What one input adds: its converted value, the counted part, and each lender's part.
    private struct Contribution {
        struct LenderPart {
            let name: String
            let value: Int128
            let counted: Int128
        }

        let value: Money
        let counted: Int128
        let lenders: [LenderPart]
    }

    private func contribution(of input: RollupInput) throws(DomainError) -> Contribution {
        let value: Money
        do {
            value = try fx.convert(input.value, to: currency, on: input.valueDate)
        } catch {
            throw DomainError("project \(input.code): \(error.message)")
        }
        let counts = input.status.countsTowardTarget
        let parts = LenderShare.splitValidated(value, by: input.lenders)
        let lenders = zip(input.lenders, parts).map { share, part in
            Contribution.LenderPart(name: share.lender, value: part.minorUnits, counted: counts ? part.minorUnits : 0)
        }
        return Contribution(value: value, counted: counts ? value.minorUnits : 0, lenders: lenders)
    }

    private static func tooLarge(_ input: RollupInput, _ value: Money) -> DomainError {
        DomainError("project \(input.code): adding \(value) makes the rollup too large")
    }

    private static func notAdded(_ input: RollupInput) -> DomainError {
        DomainError("project \(input.code) cannot be removed: the rollup does not hold these facts of it")
    }

    /// `nil` for a tally with no projects left, so an emptied key disappears.
    private static func kept(_ tally: RollupTally) -> RollupTally? {
        tally.projects == 0 ? nil : tally
    }
}
