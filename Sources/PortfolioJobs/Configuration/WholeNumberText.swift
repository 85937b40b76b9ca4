/// Parses a whole number setting within a range: digits, an optional leading `-`, spaces
/// around ignored.
public enum WholeNumberText {
    /// The number, or an error message that states the range.
    public static func parse(_ text: String, in range: ClosedRange<Int>) -> Result<Int, ConfigurationError> {
        let value = text.trimmingCharacters(in: .whitespaces)
        let rule = "must be a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard !value.isEmpty else { return .failure(ConfigurationError("is empty; it \(rule)")) }
        let digits = value.hasPrefix("-") ? value.dropFirst() : Substring(value)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(value), range.contains(number) else {
            return .failure(ConfigurationError("\"\(text)\" \(rule)"))
        }
        return .success(number)
    }
}
