import PortfolioJobs
import Testing

@Suite("Configuration parsing")
struct ConfigurationParsingTests {
    @Test("durations for people", arguments: [
        ("3600", 3_600_000), ("90s", 90_000), ("15m", 900_000), ("1h", 3_600_000), ("2h30m", 9_000_000),
        ("1d", 86_400_000), ("250ms", 250), (" 1h ", 3_600_000),
    ])
    func valid(_ text: String, _ millis: Int64) throws {
        let duration = try DurationText.parse(text).get()
        #expect(duration == .milliseconds(millis))
    }

    @Test("bad durations are refused with a reason, never a crash", arguments: [
        "", "0", "-5", "soon", "5x", "h", "1h30", "99999999999999999999", "400d",
        // Found by fuzzing: many large parts used to overflow the sum.
        "999999999d999999999d999999999d999999999d999999999d999999999d999999999d999999999d999999999d999999999d999999999d",
    ])
    func invalid(_ text: String) {
        guard case .failure(let error) = DurationText.parse(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(!error.message.isEmpty)
    }

    @Test("listen addresses", arguments: [
        ("127.0.0.1:8080", "127.0.0.1", 8080, true), (":9090", "127.0.0.1", 9090, true),
        ("[::1]:80", "::1", 80, true), ("0.0.0.0:8080", "0.0.0.0", 8080, false),
    ])
    func addresses(_ text: String, _ host: String, _ port: Int, _ loopback: Bool) throws {
        let address = try #require(try ListenAddress.parse(text).get())
        #expect(address.host == host && address.port == port)
        #expect(address.isLoopback == loopback)
    }

    @Test("off disables HTTP; bad addresses are refused", arguments: ["off", "bogus", "1.2.3.4:99999", "[::1", "a/b:1", "::1:80"])
    func otherAddresses(_ text: String) {
        switch ListenAddress.parse(text) {
        case .success(let address): #expect(text == "off" && address == nil)
        case .failure: #expect(text != "off")
        }
    }
}
