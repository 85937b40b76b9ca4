import Foundation
import Testing
import TestSupport

/// `Scripts/ha.sh --quick` as a test, for machines with the time (about 3 minutes): reads from
/// a streaming standby with --max-lag, failover by pg_ctl promote with asynchronous and
/// synchronous replication, PgBouncer in session and transaction mode, failover by Patroni.
@Suite("High availability")
struct HighAvailabilityTests {
    @Test("standby reads, failover, PgBouncer and Patroni scenarios all pass", .enabled(if: ProcessInfo.processInfo.environment["PORTFOLIO_HA"] == "1"))
    func quickRun() throws {
        #expect(try GatedScript.run("ha.sh") == 0, "see ha/")
    }
}
