/// A record of AidData's GCDF 3.0 dataset as the tracker takes it, or every reason it cannot.
///
/// - code: the record ID, as is;
/// - name: the title, its whitespace folded, cut at 300 characters with "…";
/// - sector: the `Sector Code` (DAC 3-digit; blank as 998), through `sector`;
/// - status: `Pipeline: Pledge` pledged, `Pipeline: Commitment` committed, `Implementation`
///   ongoing, `Completion` finished, `Suspended` suspended, `Cancelled` cancelled;
/// - value: the chosen amount in USD rounded to the cent half away from zero; blank as zero
///   (AidData publishes no amount for some records);
/// - value date: the commitment date (`YYYY-MM-DD` or `MM/DD/YYYY`), else 1 January of the
///   commitment year;
/// - lenders: the funding agencies, in equal shares (largest remainder, in the file's order),
///   estimated when there are several; co-financing agencies are kept apart: the amount is the
///   Chinese financiers' alone;
/// - start and end: the actual implementation start and completion dates, else the planned ones;
///   an end before the start is left out;
/// - location: the recipient; description: the description, whitespace folded, cut at 2,000.
public enum AidDataImportMapping {
    /// A project taken from a record, with what the tracker keeps of its provenance.
    public struct Mapped: Sendable, Hashable {
        public let project: ValidatedProject
        public let recordID: String
        /// AidData's `Recommended For Aggregates`.
        public let recommended: Bool
        /// Whether the lenders' shares are the tracker's estimate (several funding agencies).
        public let sharesEstimated: Bool
        /// Co-financing agencies, whose money is not in the value.
        public let coFinanciers: [String]
        /// Whether the record publishes the chosen amount (else the value is zero).
        public let amountPublished: Bool
        /// The record's DAC 3-digit sector code.
        public let dacCode: String
    }

    /// Every reason a record cannot be taken.
    public struct Refusal: Error, Sendable, Hashable {
        public let messages: [String]
    }

    /// Our status for an AidData status; nil for another text.
    public static func status(_ text: String) -> ProjectStatus? {
        switch TextRules.trimmed(text).lowercased() {
        case "pipeline: pledge": .pledged
        case "pipeline: commitment": .committed
        case "implementation": .ongoing
        case "completion": .finished
        case "suspended": .suspended
        case "cancelled", "canceled": .cancelled
        default: nil
        }
    }

    /// Maps `record`; `sector` gives the tracker sector for a DAC 3-digit code, nil when the
    /// code is not one.
    public static func map(
        _ record: AidDataRecord, amount basis: AidDataAmountBasis, sector: (String) -> String?
    ) -> Result<Mapped, Refusal> {
        var problems: [String] = []
        let code: ProjectCode?
        do {
            code = try ProjectCode(record[AidDataColumns.recordID])
        } catch {
            code = nil
            problems.append("\(AidDataColumns.recordID): \(error.message)")
        }
        let recommended: Bool
        switch record[AidDataColumns.recommended].lowercased() {
        case "yes": recommended = true
        case "no": recommended = false
        default:
            recommended = false
            problems.append("\(AidDataColumns.recommended): \(TextRules.quoted(record[AidDataColumns.recommended])) is neither Yes nor No")
        }
        let title = folded(record[AidDataColumns.title], limit: ProjectRules.maxNameLength)
        if title.isEmpty { problems.append("\(AidDataColumns.title): empty") }

        let dacCode = dacCode(record)
        let sectorCode = sector(dacCode)
        if sectorCode == nil {
            problems.append("\(AidDataColumns.sectorCode): \(TextRules.quoted(dacCode)) is not an OECD DAC 3-digit sector code")
        }
        let statusText = record[AidDataColumns.status]
        let status = status(statusText)
        if status == nil {
            problems.append("\(AidDataColumns.status): \(TextRules.quoted(statusText)) is not an AidData status "
                + "(Pipeline: Pledge, Pipeline: Commitment, Implementation, Completion, Suspended, Cancelled)")
        }
        let amountText = record[basis.column]
        var value: Money?
        if amountText.isEmpty || amountText.lowercased() == "nan" {
            value = Money.zero(.usd)
        } else {
            do {
                value = try Money.rounding(amountText, currency: .usd)
                if let money = value, money.isNegative { problems.append("\(basis.column): \(TextRules.quoted(amountText)) is negative") }
            } catch {
                problems.append("\(basis.column): \(error.message)")
            }
        }
        var valueDate: LocalDate?
        do {
            valueDate = try date(record[AidDataColumns.commitmentDate])
        } catch {
            problems.append("\(AidDataColumns.commitmentDate): \(error.message)")
        }
        if valueDate == nil && problems.allSatisfy({ !$0.hasPrefix(AidDataColumns.commitmentDate) }) {
            let year = record[AidDataColumns.commitmentYear]
            if let whole = Double(year).flatMap({ $0 == $0.rounded() ? Int(exactly: $0) : nil }), (1900...2200).contains(whole) {
                valueDate = try? LocalDate(year: whole, month: 1, day: 1)
            } else {
                problems.append("\(AidDataColumns.commitmentDate): empty, and no \(AidDataColumns.commitmentYear) to take the value date from")
            }
        }
        let funders = record.list(AidDataColumns.fundingAgencies)
        if funders.isEmpty { problems.append("\(AidDataColumns.fundingAgencies): empty; a project needs a lender") }
        var lenders: [LenderShare] = []
        let base = funders.isEmpty ? 0 : 10_000 / funders.count
        for (index, funder) in funders.enumerated() {
            let points = base + (index < 10_000 - base * funders.count ? 1 : 0)
            do {
                lenders.append(try LenderShare(lender: funder, basisPoints: points))
            } catch {
                problems.append("\(AidDataColumns.fundingAgencies): \(error.message)")
            }
        }
        let funderNames = Set(funders.map { $0.lowercased() })
        let coFinanciers = record.list(AidDataColumns.coFinancingAgencies).filter { !funderNames.contains($0.lowercased()) }
        for name in coFinanciers {
            do {
                _ = try Lender.validateName(name)
            } catch {
                problems.append("\(AidDataColumns.coFinancingAgencies): \(error.message)")
            }
        }
        var start: LocalDate?
        var end: LocalDate?
        for (column, fallback, isStart) in [(AidDataColumns.actualStart, AidDataColumns.plannedStart, true),
                                            (AidDataColumns.actualEnd, AidDataColumns.plannedEnd, false)] {
            let used = record[column].isEmpty ? fallback : column
            do {
                let found = try date(record[used])
                if isStart { start = found } else { end = found }
            } catch {
                problems.append("\(used): \(error.message)")
            }
        }
        if let first = start, let last = end, last < first { end = nil }
        let location = folded(record[AidDataColumns.recipient], limit: ProjectRules.maxLocationLength)
        let description = folded(record[AidDataColumns.description], limit: ProjectRules.maxDescriptionLength)

        guard problems.isEmpty, let code, let sectorCode, let status, let value, let valueDate else {
            return .failure(Refusal(messages: problems))
        }
        do {
            let project = try ValidatedProject.checked(
                code: code, name: title, sectorCode: sectorCode, status: status, value: value, valueDate: valueDate,
                lenders: lenders, startDate: start, endDate: end, location: location, description: description)
            return .success(Mapped(project: project, recordID: code.rawValue, recommended: recommended, sharesEstimated: funders.count > 1,
                                   coFinanciers: coFinanciers, amountPublished: !(amountText.isEmpty || amountText.lowercased() == "nan"),
                                   dacCode: dacCode))
        } catch {
            return .failure(Refusal(messages: error.problems.map { ($0.field.map { "\($0): " } ?? "") + $0.message }))
        }
    }

    /// A date as AidData writes it: `YYYY-MM-DD` (as published) or `MM/DD/YYYY` (as the column
    /// names say); nil when blank.
    public static func date(_ text: String) throws(DomainError) -> LocalDate? {
        let body = TextRules.trimmed(text)
        if body.isEmpty { return nil }
        let parts = body.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, let month = Int(parts[0]), let day = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4 {
            do {
                return try LocalDate(year: year, month: month, day: day)
            } catch {
                throw DomainError("\(TextRules.quoted(body)) is not a date: \(error.message)")
            }
        }
        return try LocalDate.parse(body)
    }

    /// The record's DAC code as published (`160`, `160.0`) as three digits; blank as 998.
    public static func dacCode(_ record: AidDataRecord) -> String {
        record[AidDataColumns.sectorCode].isEmpty ? "998" : normalizedDAC(record[AidDataColumns.sectorCode])
    }

    static func normalizedDAC(_ text: String) -> String {
        if text.hasSuffix(".0") { return String(text.dropLast(2)) }
        return text
    }

    /// `text` with every run of whitespace (line breaks included) as one space, cut at `limit`
    /// characters with "…"; other control characters are dropped.
    public static func folded(_ text: String, limit: Int) -> String {
        var scalars: [Unicode.Scalar] = []
        var space = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                space = !scalars.isEmpty
                continue
            }
            if TextRules.isControl(scalar) { continue }
            if space { scalars.append(" ") }
            space = false
            scalars.append(scalar)
        }
        if scalars.count > limit {
            scalars = Array(scalars.prefix(limit - 1))
            while scalars.last == " " { scalars.removeLast() }
            scalars.append("…")
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }
}
