import Foundation

/// Where the HTTP endpoints listen: `host:port`, `[v6]:port`, `:port` (loopback), or `off`.
///
/// The host is a dotted IPv4 address, an IPv6 address in brackets, or a host name (resolved
/// when the listener starts). The port is 1-65535: port 0 would listen on a port chosen by the
/// system that nobody could find.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Whether only this machine can reach it.
    public var isLoopback: Bool { host == "127.0.0.1" || host == "localhost" || host == "::1" || host.hasPrefix("127.") }

    /// The address, nil for `off` (any case), or an error message. Spaces around the value are
    /// ignored; an empty value is refused.
    public static func parse(_ text: String) -> Result<ListenAddress?, ConfigurationError> {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return .failure(ConfigurationError("is empty; use HOST:PORT, e.g. 127.0.0.1:8080, or off")) }
        if value.lowercased() == "off" { return .success(nil) }
        var host: Substring
        let portText: Substring
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else {
                return .failure(ConfigurationError("\"\(text)\" has an unclosed '['"))
            }
            host = value[value.index(after: value.startIndex)..<close]
            let rest = value[value.index(after: close)...]
            guard rest.hasPrefix(":") else { return .failure(ConfigurationError("\"\(text)\" needs :PORT after the address")) }
            portText = rest.dropFirst()
            guard isIPv6(host) else {
                return .failure(ConfigurationError("\"\(text)\": \"\(host)\" is not an IPv6 address (brackets hold IPv6 addresses only)"))
            }
        } else {
            guard let colon = value.lastIndex(of: ":") else {
                return .failure(ConfigurationError("\"\(text)\" needs HOST:PORT, e.g. 127.0.0.1:8080"))
            }
            host = value[..<colon]
            portText = value[value.index(after: colon)...]
            if host.contains(":") { return .failure(ConfigurationError("\"\(text)\": write IPv6 addresses as [ADDR]:PORT")) }
            if host.isEmpty { host = "127.0.0.1" }
            if let problem = hostProblem(host) { return .failure(ConfigurationError("\"\(text)\": \(problem)")) }
        }
        if portText.allSatisfy({ $0 == "0" }) && !portText.isEmpty {
            return .failure(ConfigurationError("\"\(text)\": port 0 would listen on a port the system picks, which nobody could find; use 1-65535"))
        }
        guard !portText.isEmpty, portText.allSatisfy({ $0.isASCII && $0.isNumber }), portText.count <= 5, let port = Int(portText),
              (1...65_535).contains(port) else {
            return .failure(ConfigurationError("\"\(text)\" has an invalid port; use 1-65535"))
        }
        return .success(ListenAddress(host: String(host), port: port))
    }

    /// Why an unbracketed host is not a dotted IPv4 address or a host name, or nil.
    static func hostProblem(_ host: Substring) -> String? {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let numeric = host.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
        if numeric || labels.last.map({ $0.allSatisfy { $0.isASCII && $0.isNumber } && !$0.isEmpty }) == true {
            return isIPv4(host) ? nil : "\"\(host)\" is not an IPv4 address (four numbers 0-255 separated by dots)"
        }
        guard host.count <= 253, labels.allSatisfy({ label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }) else {
            return "\"\(host)\" is not an IPv4 address or a host name"
        }
        return nil
    }

    static func isIPv4(_ host: Substring) -> Bool {
        var address = in_addr()
        return String(host).withCString { inet_pton(AF_INET, $0, &address) } == 1
    }

    static func isIPv6(_ host: Substring) -> Bool {
        var address = in6_addr()
        return String(host).withCString { inet_pton(AF_INET6, $0, &address) } == 1
    }
}
