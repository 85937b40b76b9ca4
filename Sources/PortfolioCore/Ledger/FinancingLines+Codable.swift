import Foundation

extension FinancingLines: Codable {
    private enum CodingKeys: String, CodingKey {
        case currency, sector, status, lender
    }

    /// One line as stored: amounts as decimal strings of minor units, exact beyond 2^53.
    private struct StoredLine: Codable {
        let key: String
        let projects: Int
        let committed, disbursed, undisbursed, overDisbursed, repaid, interest: String

        init(_ line: Financing) {
            key = line.key
            projects = line.projects
            committed = String(line.committed)
            disbursed = String(line.disbursed)
            undisbursed = String(line.undisbursed)
            overDisbursed = String(line.overDisbursed)
            repaid = String(line.repaid)
            interest = String(line.interest)
        }

        func line(_ decoder: any Decoder) throws -> Financing {
            func amount(_ text: String) throws -> Int128 {
                guard let value = Int128(text) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(text) is not a whole number of minor units"))
                }
                return value
            }
            return Financing(key: key, projects: projects, committed: try amount(committed), disbursed: try amount(disbursed),
                             undisbursed: try amount(undisbursed), overDisbursed: try amount(overDisbursed),
                             repaid: try amount(repaid), interest: try amount(interest))
        }
    }

    private static func codingKey(_ breakdown: FinancingBreakdown) -> CodingKeys {
        switch breakdown {
        case .sector: .sector
        case .status: .status
        case .lender, .category: .lender
        }
    }

    /// Decodes `{"currency", "sector", "status", "lender"}`, each a list of lines.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var lines: [FinancingBreakdown: [Financing]] = [:]
        for breakdown in Self.kept {
            lines[breakdown] = try container.decode([StoredLine].self, forKey: Self.codingKey(breakdown)).map { try $0.line(decoder) }
        }
        self.init(currency: try container.decode(Currency.self, forKey: .currency), lines: lines)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(currency, forKey: .currency)
        for breakdown in Self.kept {
            try container.encode(self.lines(by: breakdown).map(StoredLine.init), forKey: Self.codingKey(breakdown))
        }
    }
}
