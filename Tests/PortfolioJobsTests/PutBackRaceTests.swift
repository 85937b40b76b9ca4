import Foundation
import Postgres
import PortfolioJobs
import PortfolioStore
import Synchronization
import Testing
import TestSupport

/// A job of the same kind and key enqueued while a running one is put back (failed, snoozed,
/// released or rescued) supersedes it; the statement never fails on the unique index of
/// waiting keys.
@Suite("Put-back races with an enqueue of the same key")
struct PutBackRaceTests {
    final class Done: Sendable {
        private let flag = Mutex(false)
        func set() { flag.withLock { $0 = true } }
        var isSet: Bool { flag.withLock { $0 } }
    }

    @Test("a running job put back while a job with its key is being enqueued waits for that enqueue and is superseded",
          arguments: ["fail", "snooze", "release", "rescue"])
    func putBackDuringEnqueue(how: String) async throws {
        try await TestDatabase.with { db in
            let running = try await db.run { c -> ClaimedJob in
                try JobInserter.enqueue(c, [.rollupAfterChange()])
                guard let running = try JobQueue(c).claim(owner: "w", limit: 1, lease: .seconds(3600)).first else {
                    throw JobError.permanent("nothing to claim")
                }
                if how == "rescue" {
                    // Jobs without a key expired beside it: the rescue returns them whatever the keyed one does.
                    try c.query("INSERT INTO jobs (kind) SELECT 'noop' FROM generate_series(1, 5)")
                    _ = try JobQueue(c).claim(owner: "w", limit: 5, lease: .seconds(3600))
                    try c.query("UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE state = 'running'")
                }
                return running
            }
            // Another session enqueues a job with the same key and keeps its transaction open.
            let other = try Connection(configuration: db.configuration)
            let newID = try await Blocking.run { () -> Int in
                try other.query("BEGIN")
                guard let id = try JobInserter.enqueue(other, [.rollupAfterChange()]).first else { throw JobError.permanent("nothing enqueued") }
                return id
            }
            let done = Done()
            /// What the put-back returned: the outcome of a failure, or the jobs released or rescued.
            let putBack = Task { () throws -> String in
                defer { done.set() }
                return try await db.run { c in
                    let queue = JobQueue(c)
                    switch how {
                    case "fail": return try queue.fail(running.claim, owner: "w", error: "boom", delay: .zero).rawValue
                    case "snooze": return try queue.fail(running.claim, owner: "w", error: "later", delay: .seconds(1), snooze: true).rawValue
                    case "release": return "\(try queue.release([running.claim], owner: "w"))"
                    default: return try queue.rescue().sorted().map(String.init).joined(separator: " ")
                    }
                }
            }
            // The put-back waits for the enqueueing transaction (a rescue only a moment, then
            // leaves that job for its next pass); then that transaction commits.
            #expect(try await LockWaits.until { try await LockWaits.count(db) > 0 || done.isSet })
            if how != "rescue" { #expect(!done.isSet) }
            try await Blocking.run { _ = try other.query("COMMIT") }
            let first = try await putBack.value
            other.close()
            let (second, states) = try await db.run { c in
                (how == "rescue" ? try JobQueue(c).rescue() : [],
                 try c.query("SELECT id, state FROM jobs WHERE kind = 'rollup.take' ORDER BY id").map {
                     "\(try $0.decode(Int.self, at: 0)) \(try $0.decode(String.self, at: 1))"
                 })
            }
            switch how {
            case "fail", "snooze": #expect(first == "cancelled")
            case "release": #expect(first == "1")
            default:
                // The five jobs without a key at once; the keyed one too when the enqueue
                // committed while the rescue waited for it, else on the next pass.
                let rescued = first.split(separator: " ").compactMap { Int($0) }
                #expect(Set(rescued).isSuperset(of: [2, 3, 4, 5, 6]))
                #expect((rescued + second).sorted() == [1, 2, 3, 4, 5, 6])
            }
            #expect(states == ["\(running.id) cancelled", "\(newID) available"])
        }
    }

    @Test("a job put back first keeps its place: an enqueue of its key meanwhile waits for it and adds nothing")
    func enqueueDuringPutBack() async throws {
        try await TestDatabase.with { db in
            let running = try await db.run { c -> ClaimedJob in
                try JobInserter.enqueue(c, [.rollupAfterChange()])
                guard let running = try JobQueue(c).claim(owner: "w", limit: 1, lease: .seconds(3600)).first else {
                    throw JobError.permanent("nothing to claim")
                }
                return running
            }
            // The put-back's transaction stays open while another session enqueues the key.
            let other = try Connection(configuration: db.configuration)
            let outcome = try await Blocking.run {
                try other.query("BEGIN")
                return try JobQueue(other).fail(running.claim, owner: "w", error: "boom", delay: .zero)
            }
            #expect(outcome == .retrying)
            let enqueue = Task { try await db.run { c in try JobInserter.enqueue(c, [.rollupAfterChange()]) } }
            #expect(try await LockWaits.someoneWaits(db))
            try await Blocking.run { _ = try other.query("COMMIT") }
            #expect(try await enqueue.value.isEmpty)
            other.close()
            let states = try await db.run { c in try c.query("SELECT state FROM jobs").map { try $0.decode(String.self, at: 0) } }
            #expect(states == ["available"])
        }
    }
}
