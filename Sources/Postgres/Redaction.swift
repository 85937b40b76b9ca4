import Foundation

/// Keeps secrets out of messages.
enum Redaction {
    /// Replaces every occurrence of each secret, and any `scheme://user:password@` user-info,
    /// with `***`.
    static func scrub(_ text: String, secrets: [String]) -> String {
        var out = text
        for secret in secrets where !secret.isEmpty {
            out = out.replacingAll(secret, with: "***")
        }
        if let password = urlPassword(in: out), !password.isEmpty, password != "***" {
            out = out.replacingAll(password, with: "***")
        }
        return out
    }

    /// The password part of a `scheme://user:password@host` URL, if there is one.
    static func urlPassword(in text: String) -> String? {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let rest = text[schemeEnd.upperBound...]
        // The user-info ends at the last '@' before the first '/', '?' or '#'.
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return nil }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return nil }
        return String(userInfo[userInfo.index(after: colon)...])
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var remainder = self[...]
        while let range = remainder.range(of: target) {
            result += remainder[..<range.lowerBound]
            result += replacement
            remainder = remainder[range.upperBound...]
        }
        result += remainder
        return result
    }
}
