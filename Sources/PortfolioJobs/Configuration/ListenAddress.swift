/// Where the HTTP endpoints listen: `host:port`, `[v6]:port`, `:port` (loopback), or `off`.
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

    /// The address, nil for `off`, or an error message.
    public static func parse(_ text: String) -> Result<ListenAddress?, ConfigurationError> {
        let value = text.filter { $0 != " " }
        if value.isEmpty || value.lowercased() == "off" || value.lowercased() == "none" { return .success(nil) }
        var host: Substring
        var portText: Substring
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else {
                return .failure(ConfigurationError("\"\(text)\" has an unclosed '['"))
            }
            host = value[value.index(after: value.startIndex)..<close]
            let rest = value[value.index(after: close)...]
            guard rest.hasPrefix(":") else { return .failure(ConfigurationError("\"\(text)\" needs :PORT after the address")) }
            portText = rest.dropFirst()
        } else {
            guard let colon = value.lastIndex(of: ":") else {
                return .failure(ConfigurationError("\"\(text)\" needs HOST:PORT, e.g. 127.0.0.1:8080"))
            }
            host = value[..<colon]
            portText = value[value.index(after: colon)...]
            if host.contains(":") { return .failure(ConfigurationError("\"\(text)\": write IPv6 addresses as [ADDR]:PORT")) }
        }
        if host.isEmpty { host = "127.0.0.1" }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":" }), host.allSatisfy(\.isASCII) else {
            return .failure(ConfigurationError("\"\(text)\" has an invalid host"))
        }
        guard let port = Int(portText), (0...65_535).contains(port) else {
            return .failure(ConfigurationError("\"\(text)\" has an invalid port; use 0-65535"))
        }
        return .success(ListenAddress(host: String(host), port: port))
    }
}
