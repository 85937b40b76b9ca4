import Foundation
import Postgres
import Testing
import TestSupport

@Suite("LISTEN and NOTIFY")
struct NotificationTests {
    @Test("a NOTIFY wakes a waiting listener")
    func wakes() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let configuration = db.configuration
            let listener = try await Blocking.run {
                let listener = try Connection(configuration: configuration)
                try listener.listen("jobs inserted")
                return listener
            }
            defer { listener.close() }
            let started = ContinuousClock.now
            async let received = db.pool.withConnection { _ in
                try listener.waitForNotification(timeout: .seconds(20))
            }
            try await Task.sleep(for: .milliseconds(100))
            try await db.run { c in try c.notify("jobs inserted", payload: "status.apply") }
            let notification = try #require(try await received)
            #expect(notification.channel == "jobs inserted")
            #expect(notification.payload == "status.apply")
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test("a notification sent inside a rolled-back transaction never arrives")
    func rolledBack() async throws {
        try await TestDatabase.with(migrated: false) { db in
            struct Boom: Error {}
            let listener = try await Blocking.run {
                let listener = try Connection(configuration: db.configuration)
                try listener.listen("ch")
                return listener
            }
            defer { listener.close() }
            try? await db.run { c in
                try c.transaction { c in
                    try c.notify("ch", payload: "lost")
                    throw Boom()
                }
            }
            let got = try await db.pool.withConnection { _ in try listener.waitForNotification(timeout: .milliseconds(300)) }
            #expect(got == nil)
        }
    }

    @Test("the wait returns nil at its timeout")
    func timeout() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let elapsed = try await db.run { c in
                try c.listen("quiet")
                let start = ContinuousClock.now
                let got = try c.waitForNotification(timeout: .milliseconds(250))
                #expect(got == nil)
                return ContinuousClock.now - start
            }
            #expect(elapsed >= .milliseconds(240))
            #expect(elapsed < .seconds(5))
        }
    }

    @Test("a cancellation signal ends the wait at once")
    func cancelled() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let signal = try CancellationSignal()
            let start = ContinuousClock.now
            let waited = Task {
                try await db.run { c in
                    try c.listen("never")
                    _ = try c.waitForNotification(timeout: .seconds(30), cancellation: signal)
                }
            }
            try await Task.sleep(for: .milliseconds(100))
            signal.cancel()
            let error = await #expect(throws: PostgresError.self) { try await waited.value }
            #expect(error?.kind == .cancelled)
            #expect(ContinuousClock.now - start < .seconds(10))
            #expect(signal.isCancelled)
        }
    }
}
