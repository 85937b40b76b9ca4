import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// `/api/v1/reports/{kind}`: every report in every format, byte for byte as the CLI writes it.
@Suite("report routes")
struct ReportRouteTests {
    static let formats: [(format: String, accept: String)] = [
        ("json", "application/json"), ("csv", "text/csv"), ("markdown", "text/markdown"), ("table", "text/plain"), ("html", "text/html"),
    ]

    @Test("every report kind and format, by ?format= and by Accept, equals 'portfolio report' with the same options")
    func byteIdentity() async throws {
        try await withServer { _, cli, client in
            for kind in ["sectors", "statuses", "lenders", "progress", "trend", "financing", "disbursements"] {
                for (format, accept) in Self.formats where !(kind == "financing" && format == "html") {
                    for options in [[String](), ["--as-of", "2020-06-30"], ["--currency", "EUR", "--as-of", "2024-01-02"]] {
                        let cliRun = try await cli.run(["report", kind, "--format", format] + options)
                        let query = stride(from: 0, to: options.count, by: 2).map {
                            options[$0].dropFirst(2).replacingOccurrences(of: "-", with: "_") + "=" + options[$0 + 1]
                        }
                        let uri = "/api/v1/reports/\(kind)?" + (["format=\(format)"] + query).joined(separator: "&")
                        try await client.execute(uri: uri, method: .get) { response in
                            if cliRun.status == 0 {
                                #expect(response.status == .ok, "\(uri): \(text(response))")
                                #expect(text(response) == cliRun.stdout, "\(uri)")
                                #expect(response.headers[.contentType]?.hasPrefix(accept) == true, "\(uri)")
                            } else {
                                #expect(response.status == .badRequest || response.status == .conflict, "\(uri): the CLI refused: \(cliRun.stderr)")
                            }
                        }
                        if options.isEmpty {
                            let byAccept = "/api/v1/reports/\(kind)"
                            try await client.execute(uri: byAccept, method: .get, headers: [.accept: accept + ";q=0.9, */*;q=0.1"]) { response in
                                #expect(text(response) == cliRun.stdout, "\(byAccept) Accept \(accept)")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("JSON by default; 406 for a media type no report is written in; 400 for options the report does not take")
    func negotiation() async throws {
        try await withServer { _, cli, client in
            let json = try await cli.succeed(["report", "sectors", "--format", "json"]).stdout
            try await client.execute(uri: "/api/v1/reports/sectors", method: .get) { response in
                #expect(text(response) == json)
            }
            try await client.execute(uri: "/api/v1/reports/sectors", method: .get, headers: [.accept: "image/png"]) { response in
                #expect(response.status == .notAcceptable)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            for (uri, needle) in [("/api/v1/reports/sectors?period=month", "only the disbursements report takes period"),
                                  ("/api/v1/reports/financing?format=html", "format: one of table, csv, json, markdown, not html"),
                                  ("/api/v1/reports/sectors?as_of=2020-02-30", "as_of"),
                                  ("/api/v1/reports/sectors?currency=US", "currency"),
                                  ("/api/v1/reports/sectors?format=pdf", "format"),
                                  ("/api/v1/reports/disbursements?period=week", "period")] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(text(response).contains(needle), "\(uri): \(text(response))")
                    #expect(text(response).contains("\"type\":\"https://github.com/portfolio-tracker/problems/bad-parameter\""))
                }
            }
        }
    }

    @Test("an answer's ETag brings 304 while nothing changes, and a change brings the new figures with a new ETag")
    func conditional() async throws {
        try await withServer { _, cli, client in
            let uri = "/api/v1/reports/statuses?format=csv"
            let first = try await client.execute(uri: uri, method: .get) { $0 }
            let tag = try #require(first.headers[.eTag])
            try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: tag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/api/v1/reports/statuses?format=json", method: .get, headers: [.ifNoneMatch: tag]) { response in
                #expect(response.status == .ok, "another representation has another tag")
            }
            _ = try await cli.succeed(["status", "set", "ILL-EN-05", "finished", "--note", "test"])
            try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: tag]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != tag)
                #expect(text(response) != text(first))
                let now = try await cli.succeed(["report", "statuses", "--format", "csv"]).stdout
                #expect(text(response) == now)
            }
        }
    }
}
