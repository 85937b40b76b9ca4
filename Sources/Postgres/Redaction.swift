/// Keeps secrets out of messages.
///
/// A secret is replaced only where it stands as a whole token: each of its ends touches the
/// start or end of the text, whitespace, a quote, or one of the delimiters of URLs and
/// keyword strings (`= : @ / ? & , ; ( ) [ ] < >`). So a password `p` hides `"p"` and
/// `:p@` but leaves the `p` of `port` alone, and a one-character password cannot blank a
/// letter throughout a message. Passwords libpq could misread never reach it: such URLs are
/// refused before connecting (`ConnectionURL`).
enum Redaction {
    static let boundaries: Set<Unicode.Scalar> = [
        "\"", "'", "`", "=", ":", "@", "/", "?", "&", ",", ";", "(", ")", "[", "]", "<", ">",
    ]

    /// Replaces each secret, and the password of any `scheme://user:password@` URL in the
    /// text, with `***` wherever it stands as a token; longer secrets first.
    static func scrub(_ text: String, secrets: [String]) -> String {
        var out = text
        for secret in Set(secrets).sorted(by: { $0.unicodeScalars.count > $1.unicodeScalars.count }) where !secret.isEmpty {
            out = replacingTokens(secret, in: out)
        }
        if let password = urlPassword(in: out), !password.isEmpty, password != "***" {
            out = replacingTokens(password, in: out)
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

    static func isBoundary(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return true }
        return scalar.properties.isWhitespace || boundaries.contains(scalar)
    }

    /// `text` with every token occurrence of `secret` replaced by `***`.
    static func replacingTokens(_ secret: String, in text: String) -> String {
        let haystack = Array(text.unicodeScalars)
        let needle = Array(secret.unicodeScalars)
        guard !needle.isEmpty, haystack.count >= needle.count else { return text }
        var out = String.UnicodeScalarView()
        var index = 0
        while index < haystack.count {
            let end = index + needle.count
            if end <= haystack.count, haystack[index..<end].elementsEqual(needle),
                isBoundary(index == 0 ? nil : haystack[index - 1]),
                isBoundary(end == haystack.count ? nil : haystack[end])
            {
                out.append(contentsOf: "***".unicodeScalars)
                index = end
            } else {
                out.append(haystack[index])
                index += 1
            }
        }
        return String(out)
    }
}
