/// One project as an IATI activity: what `IATIDocument` writes for it.
public struct IATIActivity: Hashable, Sendable {
    /// A ledger transaction, or a lender's part of the value (`isShare`): its first commitment.
    public struct Transaction: Hashable, Sendable {
        public let type: TransactionType
        public let lender: String
        public let amount: Money
        public let date: LocalDate
        public let reference: String?
        public let note: String?
        public let isShare: Bool
        /// Recorded above the commitment with `--force`.
        public let forced: Bool

        public init(type: TransactionType, lender: String, amount: Money, date: LocalDate, reference: String? = nil,
                    note: String? = nil, isShare: Bool = false, forced: Bool = false) {
            self.type = type
            self.lender = lender
            self.amount = amount
            self.date = date
            self.reference = reference
            self.note = note
            self.isShare = isShare
            self.forced = forced
        }
    }

    public let project: ValidatedProject
    /// The lenders' parts of the value (none while pledged), then the ledger in the order it was
    /// recorded: recorded again in that order, every transaction passes the checks it passed.
    public let transactions: [Transaction]
    /// The DAC 3-digit code of the project's sector, when the sector has one.
    public let dacCode: String?
    /// Whether the project counts in aggregates.
    public let aggregates: Bool

    /// The activity of `project` with its ledger `ledger` (the project's transactions, in the
    /// order they were recorded).
    public init(project: ValidatedProject, ledger: [Transaction], dacCode: String? = nil, aggregates: Bool = true) {
        self.project = project
        self.dacCode = dacCode
        self.aggregates = aggregates
        var shares: [Transaction] = []
        if project.status != .pledged {
            let parts = LenderShare.splitValidated(project.value, by: project.lenders)
            shares = zip(project.lenders, parts).map { share, part in
                Transaction(type: .commitment, lender: share.lender, amount: part, date: project.valueDate, isShare: true)
            }
        }
        transactions = shares + ledger
    }
}
