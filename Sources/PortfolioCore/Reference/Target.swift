/// The amount the portfolio aims to reach; committed, ongoing and finished projects count toward it.
public struct Target: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The target amount; its currency is the reporting currency.
    public let amount: Money

    /// Creates a target; the amount must be greater than zero and at most `Money.maxValueMinorUnits`.
    public init(amount: Money) throws(DomainError) {
        if amount.minorUnits <= 0 {
            throw DomainError("target \(amount) must be greater than zero", field: "target")
        }
        do {
            try amount.checkStorable()
        } catch {
            throw DomainError("target \(error.message)", field: "target")
        }
        self.amount = amount
    }

    private init(unchecked amount: Money) {
        self.amount = amount
    }

    /// 8,000,000,000.00 USD.
    public static let `default` = Target(unchecked: Money(minorUnits: 800_000_000_000, currency: .usd))

    /// The amount, such as `8,000,000,000.00 USD`.
    public var description: String { amount.description }

    /// Decodes `{"amount": {...}}` and validates it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let amount = try container.decode(Money.self, forKey: .amount)
        do {
            try self.init(amount: amount)
        } catch {
            throw DecodingError.refused(error, forKey: .amount, in: container)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case amount
    }
}
