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

        public init(type: TransactionType, lender: String, amount: Money, date: LocalDate, reference: String? = nil,
                    note: String? = nil, isShare: Bool = false) {
            self.type = type
            self.lender = lender
            self.amount = amount
            self.date = date
            self.reference = reference
            self.note = note
            self.isShare = isShare
        }
    }

    public let project: ValidatedProject
    /// The lenders' parts of the value (none while pledged), then the ledger, by date.
    public let transactions: [Transaction]

    /// The activity of `project` with its ledger `ledger` (the project's transactions).
    public init(project: ValidatedProject, ledger: [Transaction]) {
        self.project = project
        var shares: [Transaction] = []
        if project.status != .pledged {
            let parts = LenderShare.splitValidated(project.value, by: project.lenders)
            shares = zip(project.lenders, parts).map { share, part in
                Transaction(type: .commitment, lender: share.lender, amount: part, date: project.valueDate, isShare: true)
            }
        }
        transactions = shares + ledger.sorted { ($0.date, $0.lender) < ($1.date, $1.lender) }
    }
}
