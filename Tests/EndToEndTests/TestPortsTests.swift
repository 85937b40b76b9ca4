import Foundation
import Testing
import TestSupport

@Suite("Ports for child servers")
struct TestPortsTests {
    @Test("ports handed out at once are distinct and below the ephemeral range")
    func distinct() async throws {
        let ports = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<64 { group.addTask { TestPorts.next() } }
            var all: [Int] = []
            for await port in group { all.append(port) }
            return all
        }
        #expect(Set(ports).count == ports.count)
        #expect(ports.allSatisfy { (20_000...32_767).contains($0) })
    }

}
