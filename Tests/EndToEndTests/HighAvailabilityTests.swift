import Foundation
import Testing
import TestSupport

/// `Scripts/ha.sh --quick` as a test, for machines with the time: a primary and a streaming
/// standby of their own, reads from the standby under load, --max-lag refused and fallen back.
@Suite("High availability")
struct HighAvailabilityTests {
    @Test("reads from a streaming standby report its lag and honour --max-lag", .enabled(if: ProcessInfo.processInfo.environment["PORTFOLIO_HA"] == "1"))
    func quickRun() throws {
        #expect(try GatedScript.run("ha.sh") == 0, "see ha/")
    }
}
