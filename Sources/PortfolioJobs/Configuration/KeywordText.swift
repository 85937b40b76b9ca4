/// Parses a setting that is one word of a fixed list, in any case, spaces around ignored.
public enum KeywordText {
    /// The word as the list writes it, or an error message naming the choices.
    public static func parse(_ text: String, choices: [String]) -> Result<String, ConfigurationError> {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        let list = choices.count == 2 ? "\(choices[0]) or \(choices[1])" : choices.joined(separator: ", ")
        guard !value.isEmpty else { return .failure(ConfigurationError("is empty; use \(list)")) }
        guard let match = choices.first(where: { $0.lowercased() == value }) else {
            return .failure(ConfigurationError("\"\(text)\" is not \(choices.count == 2 ? list : "one of " + list)"))
        }
        return .success(match)
    }
}
