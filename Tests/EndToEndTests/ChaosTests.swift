import Foundation
import Testing
import TestSupport

/// `Scripts/chaos.sh --quick` as a test, for machines with the time: it builds the release
/// programs and fuzz targets and runs every scenario on its own cluster (about 5 minutes).
@Suite("Chaos")
struct ChaosTests {
    @Test("every chaos scenario keeps every invariant", .enabled(if: ProcessInfo.processInfo.environment["PORTFOLIO_CHAOS"] == "1"))
    func quickRun() throws {
        #expect(try GatedScript.run("chaos.sh") == 0, "see chaos/logs/ and chaos/results.json")
    }
}
