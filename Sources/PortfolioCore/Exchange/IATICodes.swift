/// How the tracker's vocabulary maps onto IATI 2.03 codelists.
public enum IATICodes {
    /// ActivityStatus: pledged is pipeline (1); committed and ongoing are implementation (2);
    /// finished is closed (4); cancelled is 5; suspended is 6. Finalisation (3) has no status of
    /// ours. Several statuses share a code, so the status itself travels beside it
    /// (`portfolio:status`) and an export re-imported keeps it.
    public static func activityStatus(_ status: ProjectStatus) -> Int {
        switch status {
        case .pledged: 1
        case .committed, .ongoing: 2
        case .finished: 4
        case .cancelled: 5
        case .suspended: 6
        }
    }

    /// The DAC 3-digit sector (vocabulary 2) of a sector: for the seed's, energy 232 (energy
    /// generation; the withdrawn 230 was the whole group), manufacturing 321 (industry),
    /// agriculture 311, logistics 210 (transport and storage); for another, its own DAC code
    /// (`own`), else 998 (unallocated).
    public static func dacSector(_ sectorCode: String, own: String? = nil) -> String {
        switch sectorCode {
        case "energy": "232"
        case "manufacturing": "321"
        case "agriculture": "311"
        case "logistics": "210"
        default: own.flatMap { DACSector.isCode($0) ? $0 : nil } ?? "998"
        }
    }

    /// TransactionType: commitment 2 (outgoing commitment), disbursement 3, interest 5
    /// (interest payment), repayment 6 (loan repayment). IATI has no cancellation: it is an
    /// outgoing commitment of the negative amount, as IATI's guidance on reductions says.
    public static func transaction(_ type: TransactionType) -> (code: Int, sign: Int) {
        switch type {
        case .commitment: (2, 1)
        case .disbursement: (3, 1)
        case .interest: (5, 1)
        case .repayment: (6, 1)
        case .cancellation: (2, -1)
        }
    }

    /// The namespace of the attributes that carry what IATI's codes cannot (a status, a
    /// transaction type, a lender's share): IATI allows attributes of other namespaces.
    public static let extensionNamespace = "https://github.com/portfolio-tracker/iati-extension"
}
