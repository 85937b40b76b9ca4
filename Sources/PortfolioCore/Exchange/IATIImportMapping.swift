/// An IATI activity as the tracker takes it: a project and its ledger, or every reason it cannot
/// (`FILE:LINE`-ready: each problem names its line).
///
/// What a file written by this tracker carries in its `portfolio:` attributes (the status, the
/// lenders' shares, the value and value date, the transaction types) is taken as written, so an
/// export re-imported is the same portfolio. From other publishers: the status by
/// `IATICodes.activityStatus` read back (2 and 3 as ongoing); the sector by its DAC code
/// (vocabulary 2, or the first three digits of vocabulary 1) through the DAC grouping; the funding organisations
/// (role 1) as lenders, their shares in proportion to the commitments each provides, else equal;
/// the value as the sum of the outgoing commitments; transactions of types 2 (negative: a
/// cancellation), 3, 5 and 6 to the ledger, other types left out and counted.
public enum IATIImportMapping {
    /// A project and its ledger, taken from one activity.
    public struct Imported: Hashable, Sendable {
        public let project: ValidatedProject
        public let transactions: [LedgerEntry]
        /// Transactions of a type the ledger does not keep (incoming funds, expenditure, …).
        public let leftOut: Int
        /// Whether the project counts in aggregates (`portfolio:aggregates`).
        public let aggregates: Bool
    }

    /// A reason an activity cannot be taken, at a line.
    public struct Problem: Hashable, Sendable {
        public let line: Int
        public let message: String
    }

    /// Our sector for a DAC 3-digit code by the built-in codelist and grouping; nil for a code
    /// not in it.
    public static func groupedSector(dac code: String) -> String? {
        DACSector.known(code).map { DACSector.grouping($0.code) }
    }

    /// Our status for an ActivityStatus code; nil for an unknown code.
    public static func status(code: String) -> ProjectStatus? {
        switch code {
        case "1": .pledged
        case "2", "3": .ongoing
        case "4": .finished
        case "5": .cancelled
        case "6": .suspended
        default: nil
        }
    }

    /// Maps `record`; `sector` gives the tracker sector for a DAC 3-digit code, nil for a code
    /// it does not know.
    public static func map(
        _ record: IATIActivityRecord, sector: (String) -> String? = groupedSector(dac:)
    ) -> Result<Imported, ValidationProblems> {
        var problems: [Problem] = []
        func problem(_ line: Int, _ message: String) { problems.append(Problem(line: line, message: message)) }

        var code = record.identifier ?? ""
        if code.isEmpty { problem(record.line, "iati-identifier: missing") }
        if let ref = record.reportingOrgRef, code.hasPrefix(ref + "-"), code.count > ref.count + 1 {
            code = String(code.dropFirst(ref.count + 1))
        }
        let name = record.title ?? ""
        if name.isEmpty { problem(record.line, "title: no narrative") }
        let sector = mappedSector(record, sector: sector, problem: problem)
        let status = record.ourStatus.flatMap(ProjectStatus.init(rawValue:)) ?? record.statusCode.flatMap(status(code:))
        if status == nil { problem(record.statusLine ?? record.line, "activity-status: \(record.statusCode.map { "code \($0) is not an IATI ActivityStatus" } ?? "missing")") }
        let currencyCode = record.defaultCurrency ?? record.transactions.first(where: { $0.ourType == "share" })?.currency ?? ""
        var currency: Currency?
        do {
            currency = try Currency(code: currencyCode)
        } catch {
            problem(record.line, currencyCode.isEmpty ? "default-currency: missing" : "default-currency: \(error.message)")
        }
        let funders = record.funders.filter { $0.role == "1" || $0.role == nil }
        if funders.isEmpty { problem(record.line, "participating-org: no funding organisation (role 1) to take as lender") }

        // The value, its date and the lenders' shares.
        var value: Money?
        var valueDate = record.ourValueDate
        let shares = record.transactions.filter { $0.ourType == "share" }
        let commitments = record.transactions.filter { $0.ourType == nil && $0.typeCode == "2" && !($0.value ?? "").hasPrefix("-") }
        if let currency {
            if let text = record.ourValue {
                value = amount(text, currency, line: record.line, what: "portfolio:value", problem: problem)
            } else {
                let basis = shares.isEmpty ? commitments : shares
                var sum = Money.zero(currency)
                for transaction in basis {
                    if let money = amount(transaction.value ?? "", Currency.known(transaction.currency ?? "") ?? currency, line: transaction.line, what: "value", problem: problem) {
                        if money.currency != currency {
                            problem(transaction.line, "value: a commitment in \(money.currency), not the activity's \(currency); the value cannot be summed")
                        } else {
                            sum = Money(minorUnits: sum.minorUnits + money.minorUnits, currency: currency)
                        }
                    }
                }
                if basis.isEmpty { problem(record.line, "value: no commitment (transaction type 2) gives the activity's value") }
                value = sum
            }
            if valueDate == nil {
                let basis = shares.isEmpty ? commitments : shares
                valueDate = basis.compactMap { $0.valueDate ?? $0.date }.min() ?? record.dates["2"] ?? record.dates["1"]
            }
        }
        if valueDate == nil { problem(record.line, "value date: no commitment, start date or portfolio:value-date to take it from") }
        let lenders = lenderShares(funders, shares: shares.isEmpty ? commitments : shares, currency: currency ?? .usd)
        let start = record.startIsValueDate ? nil : (record.dates["2"] ?? record.dates["1"])
        let end = record.dates["4"] ?? record.dates["3"]
        var project: ValidatedProject?
        if problems.isEmpty, let status, let value, let valueDate {
            let draft = ProjectDraft(
                code: code, name: name, sector: sector ?? "", status: status.rawValue, value: value.formatted(), currency: value.currency.code,
                valueDate: valueDate, lenders: LenderShare.format(lenders), startDate: start ?? "", endDate: end ?? "",
                location: record.location ?? "", description: record.descriptionIsTitle ? "" : (record.description ?? ""))
            do {
                project = try draft.validate()
            } catch {
                for item in error.problems { problem(record.line, item.field.map { "\($0): " + item.message } ?? item.message) }
            }
        }

        // The ledger.
        var entries: [LedgerEntry] = []
        var leftOut = 0
        // Commitments that gave the value are its lenders' parts, not ledger entries.
        let valued = record.ourValue == nil && shares.isEmpty ? Set(commitments.map(\.line)) : []
        for transaction in record.transactions where transaction.ourType != "share" && !valued.contains(transaction.line) {
            guard let type = ledgerType(transaction) else {
                leftOut += 1
                continue
            }
            guard let currency = Currency.known(transaction.currency ?? record.defaultCurrency ?? "") else {
                problem(transaction.line, "value: no currency, on the value or as the activity's default")
                continue
            }
            let text = (transaction.value ?? "").hasPrefix("-") ? String((transaction.value ?? "").dropFirst()) : (transaction.value ?? "")
            guard let money = amount(text, currency, line: transaction.line, what: "value", problem: problem) else { continue }
            let lender = transaction.provider ?? (funders.count == 1 ? funders[0].name : nil)
            guard let lender else {
                problem(transaction.line, "provider-org: missing, and the activity has \(funders.count) funding organisations to choose from")
                continue
            }
            guard let dateText = transaction.valueDate ?? transaction.date else {
                problem(transaction.line, "transaction-date: missing")
                continue
            }
            do {
                let date = try LocalDate.parse(dateText)
                entries.append(try LedgerEntry(projectCode: project?.code.description ?? code, type: type, lender: lender, amount: money,
                                               valueDate: date, reference: transaction.reference, note: transaction.note, forced: transaction.forced))
            } catch let error as ValidationFailure {
                for item in error.problems { problem(transaction.line, item.field.map { "\($0): " + item.message } ?? item.message) }
            } catch let error as DomainError {
                problem(transaction.line, "transaction-date: \(error.message)")
            } catch {
                problem(transaction.line, "\(error)")
            }
        }
        guard problems.isEmpty, let project else { return .failure(ValidationProblems(problems: problems)) }
        return .success(Imported(project: project, transactions: entries, leftOut: leftOut, aggregates: record.ourAggregates != "false"))
    }

    /// Every problem of an activity.
    public struct ValidationProblems: Error, Hashable, Sendable {
        public let problems: [Problem]
    }

    private static func mappedSector(_ record: IATIActivityRecord, sector: (String) -> String?, problem: (Int, String) -> Void) -> String? {
        if let ours = record.sectors.first(where: { $0.vocabulary == "99" && $0.vocabularyURI == IATICodes.extensionNamespace + "/sectors" }) {
            return ours.code
        }
        let dac = record.sectors.filter { $0.vocabulary == "2" || $0.vocabulary == "1" }
        guard let first = dac.first else {
            problem(record.line, "sector: none in the DAC vocabularies (1 or 2)")
            return nil
        }
        let code = String(first.code.prefix(3))
        guard let mapped = sector(code) else {
            problem(first.line, "sector: DAC \(code) is not in the OECD DAC 3-digit codelist "
                + "(load a newer one with 'portfolio sector load-dac --file')")
            return nil
        }
        return mapped
    }

    private static func ledgerType(_ transaction: IATIActivityRecord.Transaction) -> TransactionType? {
        if let ours = transaction.ourType.flatMap(TransactionType.init(rawValue:)) { return ours }
        switch transaction.typeCode {
        case "2": return (transaction.value ?? "").hasPrefix("-") ? .cancellation : .commitment
        case "3": return .disbursement
        case "5": return .interest
        case "6": return .repayment
        default: return nil
        }
    }

    private static func amount(_ text: String, _ currency: Currency, line: Int, what: String, problem: (Int, String) -> Void) -> Money? {
        do {
            return try Money.parse(text, currency: currency)
        } catch {
            problem(line, "\(what): \(error.message)")
            return nil
        }
    }

    /// Shares from `portfolio:share-bp` when every funder has one; else in proportion to the
    /// amounts each provides in `basis`; else equal. Largest remainder, so they add to 100%.
    private static func lenderShares(
        _ funders: [IATIActivityRecord.Funder], shares basis: [IATIActivityRecord.Transaction], currency activityCurrency: Currency
    ) -> [LenderShare] {
        guard !funders.isEmpty else { return [] }
        var points: [Int]
        if funders.allSatisfy({ Int($0.shareBasisPoints ?? "") != nil }) {
            points = funders.map { Int($0.shareBasisPoints ?? "") ?? 0 }
        } else {
            // Amounts in minor units of their own currency; a value that does not parse weighs nothing.
            var weights = funders.map { funder in
                basis.filter { $0.provider == funder.name }.reduce(Int128(0)) { sum, transaction in
                    let currency = Currency.known(transaction.currency ?? "") ?? activityCurrency
                    return sum + ((try? Money.parse(transaction.value ?? "", currency: currency))?.minorUnits ?? 0)
                }
            }
            if weights.allSatisfy({ $0 == 0 }) { weights = funders.map { _ in 1 } }
            let total = weights.reduce(0, +)
            var floors = weights.map { Int(($0 * 10_000) / total) }
            let remainders = weights.enumerated().map { (offset: $0.offset, rest: ($0.element * 10_000) % total) }
                .sorted { $0.rest != $1.rest ? $0.rest > $1.rest : $0.offset < $1.offset }
            var left = 10_000 - floors.reduce(0, +)
            for item in remainders where left > 0 {
                floors[item.offset] += 1
                left -= 1
            }
            points = floors
        }
        return zip(funders, points).compactMap { funder, bp in try? LenderShare(lender: funder.name, basisPoints: bp) }
    }
}
