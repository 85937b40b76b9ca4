/// One transaction of the ledger as the user states it, after every rule that needs no database:
/// a positive amount within the bounds of a value, a reference and a note of sensible length
/// without control characters, and a note whenever it is forced.
///
/// What needs the database — the project and lender exist and the lender finances the project,
/// the date is not after the database's date, the reference is new, disbursements stay within
/// the commitment — is checked there.
public struct LedgerEntry: Hashable, Sendable {
    public let projectCode: String
    public let type: TransactionType
    /// The lender's name as typed; the store finds it by name, ignoring case.
    public let lender: String
    public let amount: Money
    public let valueDate: LocalDate
    /// Unique per project; an entry with a reference already stored is refused.
    public let reference: String?
    public let note: String?
    /// Recorded even when it takes disbursements above the commitment (needs a note).
    public let forced: Bool

    /// Checks every rule, reporting every problem at once.
    public init(
        projectCode: String, type: TransactionType, lender: String, amount: Money, valueDate: LocalDate,
        reference: String? = nil, note: String? = nil, forced: Bool = false
    ) throws(ValidationFailure) {
        var collector = ProblemCollector()
        let code = collector.check("code") { () throws(DomainError) in
            try TextRules.requiredText(projectCode, what: "project code", maxLength: 32)
        }
        let lenderName = collector.check("lender") { () throws(DomainError) in
            try TextRules.requiredText(lender, what: "lender", maxLength: 200)
        }
        collector.check("amount") { () throws(DomainError) in
            if amount.minorUnits <= 0 { throw DomainError("\(amount) must be greater than zero") }
            if amount.minorUnits > Money.maxValueMinorUnits { throw Money.tooLarge(amount.formatted(), currency: amount.currency) }
        }
        let ref = collector.check("ref") { () throws(DomainError) in
            try TextRules.optionalText(reference, what: "reference", maxLength: 200)
        }
        let checkedNote = collector.check("note") { () throws(DomainError) in
            try TextRules.optionalText(note, what: "note", maxLength: 2000)
        }
        if forced, (checkedNote ?? nil) == nil {
            collector.add(DomainError("a forced transaction needs a note saying why", field: "note"))
        }
        if !collector.problems.isEmpty { throw ValidationFailure(collector.problems) }
        self.projectCode = code ?? projectCode
        self.type = type
        self.lender = lenderName ?? lender
        self.amount = amount
        self.valueDate = valueDate
        self.reference = ref ?? nil
        self.note = checkedNote ?? nil
        self.forced = forced
    }
}
