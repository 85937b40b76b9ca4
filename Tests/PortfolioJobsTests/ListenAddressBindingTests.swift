import Foundation
import PortfolioJobs
import PortfolioWorker
import TestSupport
import Testing

@Suite("The HTTP address is resolved and tried before the worker starts")
struct ListenAddressBindingTests {
    static func failure(_ address: ListenAddress, allowInUse: Bool = false) -> ListenFailure? {
        do {
            _ = try address.checkListenable(allowInUse: allowInUse)
            return nil
        } catch let failure as ListenFailure {
            return failure
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test("an address in use is 69, and fine when nothing will listen (--once)")
    func inUse() throws {
        let occupied = try OccupiedPort()
        let address = ListenAddress(host: "127.0.0.1", port: occupied.port)
        let failure = try #require(Self.failure(address))
        #expect(failure.reason == .inUse)
        #expect(failure.exitStatus == .unavailable)
        #expect(failure.description.hasPrefix("--http-address / PORTFOLIO_HTTP_ADDRESS: cannot listen on 127.0.0.1:\(occupied.port): "))
        #expect(try address.checkListenable(allowInUse: true) == address)
    }

    @Test("an address of no interface here is 64, with --once too (192.0.2.0/24 is never assigned)", arguments: [
        "192.0.2.1", "198.51.100.7", "2001:db8::1",
    ])
    func notLocal(_ host: String) throws {
        for allowInUse in [false, true] {
            let failure = try #require(Self.failure(ListenAddress(host: host, port: 8080), allowInUse: allowInUse))
            // A machine without IPv6 refuses the family instead; both are settings this machine cannot honour.
            #expect(failure.reason == .notLocal || (host.contains(":") && failure.reason == .unsupported), "\(failure)")
            #expect(failure.exitStatus == .usage)
        }
    }

    @Test("a host name that does not resolve is 64", arguments: ["no-such-host.invalid", "nothing-here.invalid"])
    func unresolvable(_ host: String) throws {
        let failure = try #require(Self.failure(ListenAddress(host: host, port: 8080), allowInUse: true))
        #expect(failure.reason == .unresolvable)
        #expect(failure.exitStatus == .usage)
        #expect(failure.description.contains("does not resolve"))
    }

    @Test("names and addresses resolve to the numeric address the listener binds", arguments: [
        ("127.0.0.1", ["127.0.0.1"]), ("localhost", ["127.0.0.1", "::1"]), ("0.0.0.0", ["0.0.0.0"]), ("127.0.0.2", ["127.0.0.2"]),
    ])
    func resolves(_ host: String, _ expected: [String]) throws {
        let port = try OccupiedPort.free()
        let resolved = try ListenAddress(host: host, port: port).checkListenable()
        #expect(expected.contains(resolved.host), "\(resolved)")
        #expect(resolved.port == port)
    }

    @Test("IPv6 loopback and any-address, where this machine has IPv6")
    func ipv6() throws {
        let port = try OccupiedPort.free()
        for host in ["::1", "::"] {
            if let failure = Self.failure(ListenAddress(host: host, port: port)) {
                #expect(failure.reason == .unsupported || failure.reason == .notLocal, "\(failure)")
            } else {
                #expect(try ListenAddress(host: host, port: port).checkListenable().host == host)
            }
        }
    }

    @Test("a bind or listen error number maps to its reason and exit code", arguments: [
        (EADDRINUSE, ListenFailure.Reason.inUse, Int32(69)), (EADDRNOTAVAIL, .notLocal, 64), (EACCES, .permission, 77),
        (EAFNOSUPPORT, .unsupported, 64), (EMFILE, .other, 69),
    ])
    func errnoMapping(_ code: Int32, _ reason: ListenFailure.Reason, _ status: Int32) {
        let failure = ListenFailure(errno: code, address: ListenAddress(host: "127.0.0.1", port: 80))
        #expect(failure.reason == reason)
        #expect(failure.exitStatus.rawValue == status)
        #expect(!failure.description.contains("\n"))
    }
}
