/// Which queues a worker claims from: `all` for every queue, or names separated by commas.
///
/// Spaces around names are ignored and `all` may be written in any case. An empty value, an
/// empty name (`a,,b`, `a,`, `,,`), a name used twice and `all` beside names are refused, so a
/// typing slip never widens or narrows what a worker does.
public enum QueueSelection {
    /// Longest queue name the jobs table accepts.
    public static let maximumNameLength = 100

    /// The queue names, nil for every queue, or an error message.
    public static func parse(_ text: String) -> Result<[String]?, ConfigurationError> {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else {
            return .failure(ConfigurationError("is empty; use all for every queue, or queue names separated by commas"))
        }
        if value.lowercased() == "all" { return .success(nil) }
        var names: [String] = []
        for (index, part) in value.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                return .failure(ConfigurationError("\"\(text)\" has an empty queue name at position \(index + 1); separate names with single commas"))
            }
            guard name.lowercased() != "all" else {
                return .failure(ConfigurationError("\"\(text)\": all means every queue and stands alone"))
            }
            guard name.unicodeScalars.count <= maximumNameLength else {
                return .failure(ConfigurationError("\"\(name.prefix(20))…\" is longer than \(maximumNameLength) characters, the longest queue name"))
            }
            guard name.unicodeScalars.allSatisfy(isVisible) else {
                return .failure(ConfigurationError("queue name \(index + 1) has a control or invisible character"))
            }
            guard !names.contains(name) else {
                return .failure(ConfigurationError("\"\(text)\" names queue \"\(name)\" twice"))
            }
            names.append(name)
        }
        return .success(names)
    }

    /// Letters, digits, punctuation, symbols and spaces; not control, format or unassigned ones.
    private static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate, .privateUse: false
        default: true
        }
    }
}
