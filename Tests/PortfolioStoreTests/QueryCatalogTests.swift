import Foundation
import Postgres
import PortfolioCore
@testable import PortfolioStore
import Testing
import TestSupport

/// Every statement of the program, prepared against the migrated schema: a renamed column or
/// table, a wrong type or a syntax error fails here, not in front of a user. The catalog is
/// checked against the statement types declared in `Sources/PortfolioStore/Queries`, so a new
/// statement cannot be left out of it.
@Suite("Query catalog")
struct QueryCatalogTests {
    /// One instance of every statement, with inputs of the right types (`CreateProjectStaging`
    /// runs before each).
    static func catalog() throws -> [any PostgresPreparedStatement] {
        let project = try Fixtures.project("CAT-1")
        let stored = Project(project, version: 1, createdAt: Date(), updatedAt: Date())
        let day = try Fixtures.date("2024-01-10")
        let claim = JobClaim(id: 1, token: 1)
        let job = JobRequest(kind: "noop")
        let rate = try FXRate(currency: .cny, quote: .usd, date: day, rate: try FXRate.parseRate("0.14"))
        let rollup = try Rollup(asOf: day, currency: .usd, target: Target.default.amount, bySector: [], byStatus: [], byLender: [])
        let share = try LenderShare(lender: "China Development Bank", basisPoints: 10_000)
        return [
            // Import (the staging table first)
            AuditStagedProjects(actor: "t"), CountStagedProjects(), CreateImportedLenders(actor: "t"),
            InsertStagedHistory(actor: "t", today: day), InsertStagedLenders(), InsertStagedProjects(), SkipStagedCodesTaken(),
            StagedCodesTaken(), UncoveredStagedValues(reporting: "USD"), UnknownStagedSectors(),
            // Archive
            ArchivedRowsPresent(), RemoveSeededTargets(), RemoveSeededSectors(), SchemaVersion(),
            ResetArchiveSequence(ArchiveTable.all.first { $0.name == "lenders" } ?? ArchiveTable.all[0]),
            // Audit
            AuditEntries(entity: "project", key: "CAT-1"),
            InsertAuditEntry(actor: "t", action: "add", entity: "project", key: "CAT-1", before: nil, after: "{}"),
            // Jobs
            CancelJob(id: 1, actor: "t"), ClaimJobs(owner: "w", limit: 10, lease: .seconds(30), queues: ["default"]),
            ClaimJobs(owner: "w", limit: 10, lease: .seconds(30), queues: nil), CompleteJobs([claim], owner: "w"), CountJobs(),
            DueJobs(), ExtendLeases([claim], owner: "w", lease: .seconds(30)),
            FailJob(claim, owner: "w", error: "e", delay: .seconds(1), permanent: false, snooze: false, notBefore: nil),
            InsertJob(job), JobStateByID(id: 1), ListJobs(state: .available, kind: "noop", limit: 10),
            ListJobs(state: nil, kind: nil, limit: 10), PruneFinishedJobs(olderThan: .seconds(60), limit: 10),
            ReleaseJobs([claim], owner: "w"), RescueExpiredJobs(limit: 10, patience: .milliseconds(100)), RetryJob(id: 1),
            WaitingJobWithKey(kind: "noop", uniqueKey: "k"), WaitingJobs(ids: [1]), WithdrawJob(id: 1),
            // Ledger
            LedgerParties(code: "CAT-1", lender: "L"),
            InsertLedgerTransaction(projectID: 1, lenderID: 1, entry: try LedgerEntry(
                projectCode: "CAT-1", type: .disbursement, lender: "L", amount: project.value, valueDate: day, reference: "R", note: "n"),
                actor: "t"),
            ListLedgerTransactions(code: "CAT-1", lender: "L", type: .repayment, from: day, to: day),
            ListLedgerTransactions(code: nil, lender: nil, type: nil, from: nil, to: nil),
            LedgerSums(asOf: day, quote: .usd),
            LedgerPeriodSums(asOf: day, quote: .usd, period: .quarter), LedgerTouchedInputs(asOf: day), LedgerReferenceRecorded(code: "CAT-1", reference: "R"),
            ProjectRollupFacts(projectIDs: [1]), RecordLedgerDeltas(projectIDs: [1], facts: ["{}"], transactionProjects: [1], transactionIDs: [1]),
            // Leader and periodic jobs
            CurrentLeader(name: "l"), ResignLeaderLease(name: "l", owner: "w"), TakeLeaderLease(name: "l", owner: "w", lease: .seconds(15)),
            LinkPeriodicRun(name: "p", periodStart: Date(), jobID: 1), LockPeriodicName(name: "p"),
            RecordPeriodicRun(name: "p", periodStart: Date(), owner: "w"),
            // Projects
            DeleteProjectLenders(projectID: 1), InsertLenderHistory(projectID: 1, shares: [share], effective: day, actor: "t"),
            InsertProject(project), InsertProjectLenders(projectID: 1, lenderIDs: [1], shares: [10_000], parts: [100]),
            InsertSectorHistory(projectID: 1, sector: "energy", effective: day, actor: "t"),
            InsertDetailHistory(projectID: 1, project, effective: day, actor: "t"),
            ProjectAsOf(code: "CAT-1", asOf: day), ProjectAsOf(code: "CAT-1", asOf: day, recordedBy: Date()),
            StatusHistory(code: "CAT-1", asOf: day, recordedBy: Date()),
            InsertValueHistory(projectID: 1, value: project.value, valueDate: day, effective: day, actor: "t"),
            ListProjects(sector: "energy", status: .ongoing, lender: "China Development Bank"),
            ListProjects(sector: nil, status: nil, lender: nil), LockProject(code: "CAT-1"), ProjectByCode(code: "CAT-1"),
            ProjectCodeLike(code: "cat-1"), ProjectFieldHistory(code: "CAT-1"), UpdateProject(id: 1, stored),
            // Reference data
            CurrentTarget(), InsertLender(name: "L", country: "CN", kind: "policy"), InsertLenderIfNew(name: "L"),
            InsertSector(try Sector(code: "space", name: "Space")), InsertTarget(Target.default, actor: "t"),
            LenderByName(name: "L"), ListFXRates(), ListLenders(), ListSectors(), RateExists(.cny, into: .usd, onOrBefore: day),
            SectorCodes(), UncoveredValues(quote: .usd), UpsertFXRate(rate),
            InsertSectorIfNew(try Sector(code: "space", name: "Space")), ListDACSectors(), MapDACSector(code: "210", sectorCode: "other"),
            UpsertDACSector(try DACSector(code: "210", name: "Transport"), sectorCode: "logistics"),
            CodesOutOfAggregates(), ProjectSourceByCode(code: "CAT-1"),
            InsertProjectSources([("CAT-1", ProjectSource(dataset: "d", recordID: "1", amountBasis: "nominal-usd", sharesEstimated: true,
                                                          coFinanciers: [], aggregates: true))]),
            ChangeCounter(), InsertAPIToken(name: "t", token: "pt_x", actor: "t"), APITokenName(token: "pt_x"), ListAPITokens(),
            RevokeAPIToken(name: "t"), ReplicationLag(),
            InsertProjectSource(code: "CAT-1", ProjectSource(dataset: "d", recordID: "1", amountBasis: "nominal-usd", sharesEstimated: false,
                                                             coFinanciers: ["K"], aggregates: true)),
            // Rollups
            AbsorbWaitingRollups(id: 1, kind: "rollup.take", uniqueKey: "rollup"), FoldedChanges(after: 0, upTo: 10),
            InsertRollupSnapshot(asOf: day, trigger: "manual", rollup: rollup, breakdown: "{}", financing: nil, fullRecompute: true, deltasApplied: 0),
            LockRollup(key: 1), MarkDeltasFolded(snapshotID: 1, deltaIDs: [1]), NewestRollupAge(),
            PruneFoldedDeltas(olderThan: .seconds(60)), ReadRollupInputs(currency: "USD", fallbackCurrency: "USD", recompute: true),
            ReadRollupInputs(currency: nil, fallbackCurrency: "USD", recompute: false),
            ReadRollupInputs(currency: nil, fallbackCurrency: "USD", recompute: false, financing: true), RebuiltRollupInputs(asOf: day), RebuiltRollupInputs(asOf: day, recordedBy: Date(), backdatedOnlyAfter: Date()),
            RecordRollupDelta(projectID: 1, before: nil, after: "{}"), ResetRollup(reason: "r"),
            RollupBurstContinues(id: 1, minimumAge: .seconds(1), maximumWait: .seconds(10)),
            RollupSnapshots(id: 1, limit: 1), RollupSnapshots(limit: 10),
            // Schema
            AppliedMigrations(), CreateMigrationsTable(), GrantStatement(.schemaUsage, to: "r"), GrantStatement(.sequences, to: "r"),
            GrantStatement(.table(privileges: "SELECT", table: "projects"), to: "r"), MigrationChecksum(sql: "SELECT 1"),
            MigrationsTableExists(), RecordMigration(version: 1, name: "n", checksum: "c"), RoleExists(role: "r"),
            // Status
            AppliedRequestKeys(keys: ["k"]),
            ApplyStatusChange(
                projectID: 1, code: "CAT-1", from: .committed, to: .ongoing, effective: day, note: nil, forced: false, actor: "t",
                key: "k", rollupBefore: nil, rollupAfter: "{}", auditAction: "status", auditBefore: "{}", auditAfter: "{}",
                job: .rollupAfterChange()),
            InsertFirstStatus(projectID: 1, status: .pledged, effective: day, actor: "t"), LastStatusDate(projectID: 1),
            LockProjectStatus(code: "CAT-1"), PendingStatusChanges(codes: ["CAT-1"]),
            ProjectStatusStates(codes: ["CAT-1"]), StatusChangeFacts(projectID: 1, key: "k", jobID: 1, effective: "2024-01-10"),
            StatusHistory(code: "CAT-1"), StatusKeySeen(key: "k", kind: "status.apply"),
            // Support
            DatabaseNow(), TransactionLock(key: 1, shared: false), TransactionLock(key: 1, shared: true),
        ]
    }

    /// The statement types declared in the Queries folder, read from the source.
    static func declaredStatements() throws -> Set<String> {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/PortfolioStore/Queries").standardizedFileURL
        let pattern = try Regex(#"struct\s+(\w+)\s*:\s*[^{]*\bPostgresPreparedStatement\b"#)
        var names = Set<String>()
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let name = match.output[1].substring { names.insert(String(name)) }
            }
        }
        return names
    }

    @Test("the catalog holds every statement declared in the Queries folder")
    func catalogIsComplete() throws {
        let declared = try Self.declaredStatements()
        let cataloged = Set(try Self.catalog().map { String(describing: type(of: $0)) } + ["CreateProjectStaging"])
        #expect(declared.count > 80, "the Queries folder was not found or read: \(declared.count) statements")
        #expect(declared.subtracting(cataloged).sorted() == [], "statements missing from the catalog")
        #expect(cataloged.subtracting(declared).sorted() == [], "catalog entries not declared in the Queries folder")
    }

    @Test("every statement prepares against the migrated schema")
    func everyStatementPrepares() async throws {
        let statements = try Self.catalog()
        try await TestDatabase.with { db in
            let failures = try await db.run { c -> [String] in
                var failures: [String] = []
                for statement in statements {
                    // Each in a transaction of its own that is rolled back, beside the import's
                    // staging table (a temporary table dropped at commit) that some statements read.
                    do {
                        try c.transaction { c in
                            try c.execute(CreateProjectStaging())
                            try c.prepareOnly(statement)
                            throw Prepared()
                        }
                    } catch is Prepared {
                    } catch {
                        failures.append("\(type(of: statement)): \(error)")
                    }
                }
                return failures
            }
            #expect(failures == [])
        }
    }

    /// Thrown to roll back a transaction once its statement has prepared.
    struct Prepared: Error {}

    @Test("a statement that names a column the schema lacks fails to prepare with 42703")
    func brokenStatementFails() async throws {
        struct Broken: PostgresPreparedStatement {
            var query: PostgresQuery { "SELECT no_such_column FROM projects WHERE code = \("x")" }
        }
        try await TestDatabase.with { db in
            let error = try await db.run { c -> PostgresError? in
                do { try c.prepareOnly(Broken()); return nil } catch let error as PostgresError { return error }
            }
            #expect(error?.sqlState == "42703")
        }
    }
}

/// The archive's COPY statements cannot be prepared; each is run against the migrated schema.
@Suite("Archive COPY statements")
struct ArchiveCopyStatementTests {
    @Test("every archived table copies out and back in through its statements, and names every column it has")
    func copies() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                for table in ArchiveTable.all {
                    var bytes: [UInt8] = []
                    try c.copyOut(table.copyOut) { bytes += $0 }
                    #expect(String(decoding: bytes, as: UTF8.self).hasPrefix(table.columns.joined(separator: ",") + "\n"), "\(table.name)")
                    let columns = try c.query(
                        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
                        table.name).map { try $0.decode(String.self, at: 0) }
                    #expect(Set(columns) == Set(table.columns), "\(table.name): a column is not archived")
                }
                // A header alone: the header check passes and no row is written.
                for table in ArchiveTable.all {
                    let rows = try c.copyIn(table.copyIn) { writer in try writer.writeRaw(Array((table.columns.joined(separator: ",") + "\n").utf8)) }
                    #expect(rows == 0)
                }
            }
        }
    }
}
