import Foundation
import Testing
import TestSupport

/// Names, dates, locations and descriptions have a history like every other field.
@Suite("project history of names, dates, locations and descriptions, end to end")
struct DetailHistoryTests {
    static func changes(_ cli: PortfolioCLI, _ code: String) async throws -> [(field: String, value: String, effective: String)] {
        let history = try jsonObject(try await cli.succeed(["project", "history", code, "--format", "json"]).stdout)
        let rows = try #require(history["changes"] as? [[String: Any]])
        return rows.compactMap { row in
            guard let field = row["field"] as? String, ["name", "start_date", "end_date", "location", "description"].contains(field) else { return nil }
            return (field, row["value"] as? String ?? "", row["effective"] as? String ?? "")
        }
    }

    @Test("add records every given detail; an update records the ones it changes, on its effective date; no change records nothing")
    func detailHistory() async throws {
        try await withSampleDatabase { db, cli in
            try await cli.succeed(["project", "add", "--code", "DH-1", "--name", "Old name", "--sector", "energy", "--status", "ongoing",
                                   "--value", "100", "--currency", "USD", "--value-date", "2020-01-01", "--lender", "Bank of China",
                                   "--start", "2020-02-01", "--location", "Minsk"])
            var changes = try await Self.changes(cli, "DH-1")
            #expect(changes.map { "\($0.field)=\($0.value)@\($0.effective)" }
                    == ["location=Minsk@2020-01-01", "name=Old name@2020-01-01", "start_date=2020-02-01@2020-01-01"])

            try await cli.succeed(["project", "update", "DH-1", "--name", "New name", "--location", "", "--effective", "2023-05-01"])
            try await cli.succeed(["project", "update", "DH-1", "--description", "Phase two", "--end", "2027-12-31"])
            // The same values again: nothing new is recorded.
            try await cli.succeed(["project", "update", "DH-1", "--name", "New name"])
            changes = try await Self.changes(cli, "DH-1")
            let today = String(ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withFullDate]))
            #expect(changes.map { "\($0.field)=\($0.value)@\($0.effective)" } == [
                "location=Minsk@2020-01-01", "name=Old name@2020-01-01", "start_date=2020-02-01@2020-01-01",
                "location=(none)@2023-05-01", "name=New name@2023-05-01",
                "description=Phase two@\(today)", "end_date=2027-12-31@\(today)",
            ])
            // project show --as-of rebuilds every field; --as-recorded leaves out later records.
            func shown(_ extra: [String]) async throws -> [String: Any] {
                let object = try jsonObject(try await cli.succeed(["project", "show", "DH-1", "--format", "json"] + extra).stdout)
                return try #require(object["project"] as? [String: Any])
            }
            let before = try await shown(["--as-of", "2023-04-30"])
            #expect(before["name"] as? String == "Old name" && before["location"] as? String == "Minsk" && before["description"] == nil)
            let after = try await shown(["--as-of", "2023-05-01"])
            #expect(after["name"] as? String == "New name" && after["location"] == nil)
            let now = try await shown([])
            #expect(now["description"] as? String == "Phase two")
            // As recorded when the project was added: its first name, whatever the date asked.
            let added = try await db.run { c in
                try c.query("""
                    SELECT to_char((min(d.recorded_at) + interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM detail_history d
                    JOIN projects p ON p.id = d.project_id WHERE p.code = 'DH-1'
                    """).scalar(String.self)
            }
            let recordedEarly = try await shown(["--as-of", today, "--as-recorded", added])
            #expect(recordedEarly["name"] as? String == "Old name" && recordedEarly["location"] as? String == "Minsk")
            let refused = try await cli.run(["project", "show", "DH-1", "--as-recorded", "2020-06-01"])
            #expect(refused.status == 65, "nothing of DH-1 was recorded by 2020: \(refused.summary)")
            let notYet = try await cli.run(["project", "show", "DH-1", "--as-of", "2019-12-31"])
            #expect(notYet.status == 65 && notYet.stderr.contains("was not in the portfolio on 2019-12-31"), "\(notYet.summary)")
            // The sample's projects have their details from the day they entered.
            let sample = try await Self.changes(cli, "ILL-EN-01")
            #expect(sample.contains { $0.field == "name" && $0.value == "Lakeshore Combined-Cycle Power Unit 3" && $0.effective == "2009-06-18" })
        }
    }
}
