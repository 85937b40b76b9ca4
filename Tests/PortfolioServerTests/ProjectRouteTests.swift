import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// `/api/v1/projects`, `/api/v1/projects/{code}`, the rollups, the jobs, and the pages.
@Suite("project, rollup and page routes")
struct ProjectRouteTests {
    struct Page: Decodable {
        struct Item: Decodable {
            let code: String
            let sector: String
            let status: String
            let value: [String: String]
        }

        let items: [Item]
        let nextCursor: String?
    }

    static func decode(_ response: TestResponse) throws -> Page {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Page.self, from: Data(buffer: response.body))
    }

    @Test("pages follow their cursors through every project once, by code; filters match 'project list'")
    func paging() async throws {
        try await withServer { _, cli, client in
            var seen: [String] = []
            var uri = "/api/v1/projects?limit=7"
            for _ in 0..<10 {
                let page = try await client.execute(uri: uri, method: .get) { try Self.decode($0) }
                #expect(page.items.count <= 7)
                seen += page.items.map(\.code)
                guard let next = page.nextCursor else { break }
                uri = "/api/v1/projects?limit=7&cursor=\(next)"
            }
            #expect(seen.count == PortfolioCLI.sampleProjectCount && seen == seen.sorted() && Set(seen).count == seen.count)
            for (query, flags) in [("sector=energy", ["--sector", "energy"]), ("status=ongoing", ["--status", "ongoing"]),
                                   ("lender=china%20development%20bank", ["--lender", "china development bank"])] {
                let page = try await client.execute(uri: "/api/v1/projects?limit=50&\(query)", method: .get) { try Self.decode($0) }
                let listed = try await cli.succeed(["project", "list", "--format", "csv"] + flags).stdout
                let codes = listed.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
                #expect(page.items.map(\.code) == codes, "\(query)")
                #expect(!codes.isEmpty)
                #expect(page.items.allSatisfy { $0.value["amount"]?.contains(".") == true }, "money is a decimal string")
            }
            for bad in ["limit=0", "limit=51", "limit=x", "limit=", "cursor=%01", "status=done", "status=", "status=Ongoing", "sector=Energy",
                        "sector=%20energy", "lender=a%00b"] {
                try await client.execute(uri: "/api/v1/projects?\(bad)", method: .get) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
        }
    }

    @Test("a project has its history, ledger and no source; an unknown code is a 404 problem")
    func project() async throws {
        try await withServer { _, _, client in
            try await client.execute(uri: "/api/v1/projects/ILL-MF-09", method: .get) { response in
                #expect(response.status == .ok)
                let body = text(response)
                #expect(body.contains("\"history\"") && body.contains("\"transactions\"") && body.contains("\"code\" : \"ILL-MF-09\""))
            }
            try await client.execute(uri: "/api/v1/projects/NOPE-1", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(text(response).contains("https://github.com/portfolio-tracker/problems/not-found"))
            }
            try await client.execute(uri: "/projects/ILL-MF-09", method: .get) { response in
                #expect(response.status == .ok && text(response).contains("<h2>Status history</h2>"))
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            }
        }
    }

    @Test("rollups, one rollup, their difference and the job figures, as the CLI writes them")
    func rollups() async throws {
        try await withServer { db, cli, client in
            _ = try await cli.succeed(["rollup", "run"])
            _ = try await cli.succeed(["status", "set", "ILL-EN-05", "finished"])
            _ = try await cli.succeed(["rollup", "run"])
            let worker = try await ExecutableRun.run("portfolio-worker", ["--once", "--http-address", "off"], environment: cli.environment)
            #expect(worker.status == 0, "\(worker.summary)")
            let first = try await db.run { c in try c.query("SELECT min(id) FROM rollup_snapshots").scalar(Int.self) }
            let last = try await db.run { c in try c.query("SELECT max(id) FROM rollup_snapshots").scalar(Int.self) }
            #expect(first < last)
            for (uri, arguments) in [("/api/v1/rollups", ["rollup", "list", "--format", "json"]),
                                     ("/api/v1/rollups/\(last)", ["rollup", "show", String(last), "--format", "json"]),
                                     ("/api/v1/rollups/\(first)/diff/\(last)", ["rollup", "diff", String(first), String(last), "--format", "json"]),
                                     ("/api/v1/jobs/stats", ["jobs", "stats", "--format", "json"])] {
                let expected = try await cli.succeed(arguments).stdout
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(text(response) == expected, "\(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/rollups/999999", method: .get) { response in
                #expect(response.status == .notFound || response.status == .badRequest, "\(response.status)")
            }
            try await client.execute(uri: "/api/v1/rollups/0", method: .get) { response in #expect(response.status == .badRequest) }
        }
    }

    @Test("the dashboard is the HTML report with a form, the projects and links, under a policy that runs no script")
    func dashboard() async throws {
        try await withServer { _, _, client in
            try await client.execute(uri: "/?as_of=2020-06-30&sector=energy", method: .get) { response in
                let page = text(response)
                #expect(response.status == .ok)
                #expect(page.contains("<form method=\"get\" action=\"/\">") && page.contains("value=\"2020-06-30\""))
                #expect(page.contains("<svg"), "the report's charts")
                #expect(page.contains("href=\"/projects/ILL-EN-01\"") && !page.contains("href=\"/projects/ILL-MF-09\""))
                #expect(page.components(separatedBy: "<script>").count == 2, "one script, the live updates'")
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.hasPrefix("default-src 'none'; script-src 'sha256-") && policy.contains("connect-src 'self'")
                        && policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-eval"), "\(policy)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }
}
