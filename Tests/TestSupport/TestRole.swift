import Foundation

/// A login role of its own for one test, dropped when the test ends.
public enum TestRole {
    /// Runs `body` with the name of a new role `PREFIX_…` that may log in (and nothing else).
    public static func with<T: Sendable>(prefix: String, _ body: (String) async throws -> T) async throws -> T {
        let role = prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        _ = try await TestCluster.admin.withConnection { c in
            try c.execute(script: "CREATE ROLE \(try c.quotedIdentifier(role)) LOGIN")
        }
        do {
            let result = try await body(role)
            await drop(role)
            return result
        } catch {
            await drop(role)
            throw error
        }
    }

    private static func drop(_ role: String) async {
        _ = try? await TestCluster.admin.withConnection { c in
            try c.execute(script: "DROP ROLE IF EXISTS \(try c.quotedIdentifier(role))")
        }
    }
}
