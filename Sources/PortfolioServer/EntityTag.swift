import Hummingbird
import PortfolioCore

/// Strong validators for answers that change only when the portfolio does: a hash of the
/// change counter (`ChangeCounter`), today's date and the representation asked for.
enum EntityTag {
    /// The quoted tag of `variant` at `counter` on `today`.
    static func make(counter: String, today: LocalDate, variant: String) -> String {
        // FNV-1a, 64 bits: stable across processes and releases, unlike `Hasher`.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(counter)|\(today)|\(variant)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "\"" + String(hash, radix: 16) + "\""
    }

    /// Whether an `If-None-Match` header names `tag` (or is `*`).
    static func matches(_ header: String?, _ tag: String) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { item in
            let value = item.trimmingCharacters(in: .whitespaces)
            return value == "*" || value == tag || value == "W/" + tag
        }
    }

    /// What identifies a representation: the path, the query as given, the format.
    static func variant(_ request: Request, format: String) -> String {
        request.uri.path + "?" + (request.uri.query ?? "") + "#" + format
    }
}
