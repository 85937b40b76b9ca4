import Foundation
import Hummingbird
import HummingbirdTesting
import PortfolioServer
import Testing
import TestSupport

/// Read-only methods, tokens, limits and the contract.
@Suite("server security and contract")
struct SecurityTests {
    @Test("no method but GET and HEAD on any route, known or not: 405 naming them")
    func readOnly() async throws {
        try await withServer { _, _, client in
            for method in [HTTPRequest.Method.post, .put, .delete, .patch, .options] {
                for uri in ["/api/v1/projects", "/api/v1/reports/sectors", "/", "/nowhere"] {
                    try await client.execute(uri: uri, method: method) { response in
                        #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                        #expect(response.headers[.allow] == "GET, HEAD")
                    }
                }
            }
            try await client.execute(uri: "/api/v1/reports/sectors", method: .head) { response in
                #expect(response.status == .ok && response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/api/v1/reports/sectors", method: .get, headers: [.contentLength: "10"],
                                     body: ByteBuffer(string: "0123456789")) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/nowhere", method: .get) { response in
                #expect(response.status == .notFound && response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test("with tokens required: none, a wrong one or a revoked one is 401; a live one reads; /health needs none")
    func tokens() async throws {
        try await withServer(tokens: true) { _, cli, client in
            let token = try await cli.succeed(["token", "create", "stats-office"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(token.hasPrefix("pt_") && token.count == 46)
            let listed = try await cli.succeed(["token", "list", "--format", "csv"]).stdout
            #expect(listed.contains("stats-office") && !listed.contains(token))
            for header in ["", "Bearer ", "Bearer pt_wrong", "Basic \(token)", "bearer\(token)"] {
                let headers: HTTPFields = header.isEmpty ? [:] : [.authorization: header]
                try await client.execute(uri: "/api/v1/projects", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized, "\(header)")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"portfolio\"")
                }
            }
            try await client.execute(uri: "/api/v1/projects", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
            }
            _ = try await cli.succeed(["token", "revoke", "stats-office"])
            try await client.execute(uri: "/api/v1/projects", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .unauthorized)
            }
            #expect(try await cli.run(["token", "create", "stats-office"]).status == 65, "a revoked token's name stays taken")
            #expect(try await cli.run(["token", "create", "-bad name"]).status != 0)
            #expect(try await cli.run(["token", "revoke", "nobody"]).status == 65)
        }
    }

    @Test("the OpenAPI document is valid JSON, names every route, and every path in it is served")
    func contract() async throws {
        let document = try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as? [String: Any]
        let paths = (document?["paths"] as? [String: Any]).map { Set($0.keys) } ?? []
        #expect(document?["openapi"] as? String == "3.1.0")
        #expect(paths == ["/api/v1/projects", "/api/v1/projects/{code}", "/api/v1/reports/{kind}", "/api/v1/reports/financing",
                          "/api/v1/reports/disbursements", "/api/v1/rollups", "/api/v1/rollups/{id}",
                          "/api/v1/rollups/{id}/diff/{other}", "/api/v1/jobs/stats", "/api/v1/events", "/health", "/openapi.json", "/",
                          "/projects/{code}"])
        try await withServer { _, _, client in
            for path in paths {
                let uri = path.replacingOccurrences(of: "{code}", with: "ILL-EN-01").replacingOccurrences(of: "{kind}", with: "sectors")
                    .replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{other}", with: "1")
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(!text(response).contains("no resource at"), "\(path) is not served")
                }
            }
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(text(response) == OpenAPIDocument.text)
            }
        }
    }
}
