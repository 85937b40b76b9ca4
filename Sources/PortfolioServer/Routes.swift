import Foundation
import Hummingbird
import PortfolioCore
import PortfolioJobs
import PortfolioReports
import PortfolioService
import PortfolioStore
import Postgres

/// The routes: `/api/v1/…`, `/openapi.json`, `/health`, and the dashboard's pages.
enum Routes {
    static func add(to router: Router<BasicRequestContext>, _ server: ServerContext) {
        router.get("/health") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\"}\n")))
        }
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: server.openAPI)))
        }
        router.get("/api/v1/projects") { request, _ in try await projects(request, server) }
        router.get("/api/v1/projects/{code}") { request, context in
            let code = try parameter(context, "code")
            return try await cached(request, server, format: "json") { c in
                (try JSONText.encode(try detail(code, c)), ReportFormat.json.mediaType)
            }
        }
        router.get("/api/v1/reports/{kind}") { request, context in
            let name = try parameter(context, "kind")
            guard let kind = ReportRequest.Kind(rawValue: name) else {
                throw APIProblem(.notFound, "no report is called \(name); reports: \(ReportRequest.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let report = try reportRequest(kind, request)
            return try await cached(request, server, format: report.format.rawValue) { c in
                (try ReportService(c).render(report), report.format.mediaType)
            }
        }
        router.get("/api/v1/rollups") { request, _ in
            let limit = try QueryParameters(request: request).wholeNumber("limit", in: 1...server.maxPageSize) ?? 20
            return try await cached(request, server, format: "json") { c in
                (rollupList(try RollupStore(c).list(limit: limit)), ReportFormat.json.mediaType)
            }
        }
        router.get("/api/v1/rollups/{id}") { request, context in
            let id = try identifier(context, "id")
            return try await cached(request, server, format: "json") { c in
                (try JSONText.encode(try RollupStore(c).snapshot(id).rollup), ReportFormat.json.mediaType)
            }
        }
        router.get("/api/v1/rollups/{id}/diff/{other}") { request, context in
            let from = try identifier(context, "id")
            let to = try identifier(context, "other")
            return try await cached(request, server, format: "json") { c in
                (try JSONText.encode(try RollupListing.difference(RollupStore(c), from: from, to: to)), ReportFormat.json.mediaType)
            }
        }
        router.get("/api/v1/jobs/stats") { _, _ in
            let body = try await server.pool.withConnection { c in try JSONText.encode(try JobQueue(c).stats()) }
            return Response(status: .ok, headers: [.contentType: ReportFormat.json.mediaType, .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/api/v1/events") { _, _ in try events(server) }
        router.get("/") { request, _ in try await Dashboard.page(request, server) }
        router.get("/projects/{code}") { request, context in
            let code = try parameter(context, "code")
            return try await cached(request, server, format: "html") { c in
                (Dashboard.projectPage(try detail(code, c)), ReportFormat.html.mediaType)
            }
        }
    }

    /// Answers from `render` on one connection of the pool, unless the client's copy is
    /// current: then 304, after one cheap statement (`ChangeCounter`). While the change feed
    /// listens and has heard no change, the counter and the rendered answers are kept in memory,
    /// so a repeated request touches no database; a change is heard within milliseconds of its
    /// commit, and until then the answer is the one from just before it.
    static func cached(
        _ request: Request, _ server: ServerContext, format: String,
        _ render: @escaping @Sendable (Connection) throws -> (body: String, type: String)
    ) async throws -> Response {
        let variant = EntityTag.variant(request, format: format)
        let ifNoneMatch = request.headers[.ifNoneMatch]
        let today = LocalDate.today()
        if let counter = server.feed?.cachedCounter() {
            let tag = EntityTag.make(counter: counter, today: today, variant: variant)
            if EntityTag.matches(ifNoneMatch, tag) { return notModified(tag) }
            if let hit = server.responses.get(tag) { return answer(tag, hit.body, hit.type) }
        }
        let generation = server.feed?.generation
        let (tag, counter, rendered) = try await server.pool.withConnection { c -> (String, String, (body: String, type: String)?) in
            let counter = try c.one(ChangeCounter())
            let tag = EntityTag.make(counter: counter, today: today, variant: variant)
            return EntityTag.matches(ifNoneMatch, tag) ? (tag, counter, nil) : (tag, counter, try render(c))
        }
        if let feed = server.feed, let generation {
            feed.store(counter: counter, generation: generation)
            if let rendered, feed.cachedCounter() == counter {
                server.responses.put(tag, ResponseCache.Entry(body: rendered.body, type: rendered.type))
            }
        }
        guard let rendered else { return notModified(tag) }
        return answer(tag, rendered.body, rendered.type)
    }

    static func notModified(_ tag: String) -> Response {
        Response(status: .notModified, headers: [.eTag: tag, .cacheControl: "no-cache", .vary: "Accept, Authorization"])
    }

    static func answer(_ tag: String, _ body: String, _ type: String) -> Response {
        Response(status: .ok, headers: [.eTag: tag, .cacheControl: "no-cache", .vary: "Accept, Authorization", .contentType: type],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// `text/event-stream`: an `event: change` each time the portfolio changes (coalesced), a
    /// comment every 30 s while nothing does, until the client goes or the server stops.
    static func events(_ server: ServerContext) throws -> Response {
        guard let feed = server.feed else { throw APIProblem(.unavailable, "live updates are off on this server") }
        guard let stream = feed.subscribe() else {
            throw APIProblem(.tooMany, "\(feed.maxSubscribers) clients follow the changes already; retry later")
        }
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 2000\n: following the portfolio's changes\n\n"))
            for await number in stream {
                try await writer.write(ByteBuffer(string: number == 0 ? ": keepalive\n\n" : "event: change\ndata: \(number)\n\n"))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }

    static func projects(_ request: Request, _ server: ServerContext) async throws -> Response {
        let query = QueryParameters(request: request)
        let filter = ProjectStore.Filter(sector: try query.sector("sector"), status: try query.status("status"), lender: try query.text("lender"))
        let limit = try query.wholeNumber("limit", in: 1...server.maxPageSize) ?? min(100, server.maxPageSize)
        // The cursor is the last code of the page before: the next page starts after it.
        let after = try query.text("cursor")
        return try await cached(request, server, format: "json") { c in
            let all = try ProjectStore(c).list(filter)
            let rest = after.map { code in all.filter { $0.code.rawValue > code } } ?? all
            let items = Array(rest.prefix(limit))
            let next = rest.count > limit ? items.last.map(\.code.rawValue) : nil
            return (try JSONText.encode(ProjectPage(items: items, nextCursor: next)), ReportFormat.json.mediaType)
        }
    }

    static func detail(_ code: String, _ c: Connection) throws -> ProjectDetail {
        try c.transaction(isolation: .repeatableRead) { c in
            let project = try ProjectStore(c).require(code)
            let stored = project.code.rawValue
            return ProjectDetail(project: project, history: try StatusStore(c).history(stored), scheduled: try StatusStore(c).pending(stored),
                                 transactions: try LedgerStore(c).list(code: stored), source: try ProjectStore(c).source(stored))
        }
    }

    /// The report a request asks for: `format` in the query, else by `Accept`.
    static func reportRequest(_ kind: ReportRequest.Kind, _ request: Request) throws -> ReportRequest {
        let query = QueryParameters(request: request)
        let formats = kind == .financing ? ReportFormat.allCases.filter { $0 != .html } : ReportFormat.allCases
        let format: ReportFormat
        if let text = try query.keyword("format", formats.map(\.rawValue)), let given = ReportFormat(rawValue: text) {
            format = given
        } else {
            guard let accepted = ReportFormat.accepted(request.headers[.accept], allowed: formats) else {
                throw APIProblem(.notAcceptable, "reports are served as application/json, text/csv, text/markdown, text/html or text/plain")
            }
            format = accepted
        }
        let report = ReportRequest(
            kind: kind, format: format, asOf: try query.date("as_of"), recordedBy: try query.recordingTime("as_recorded"),
            currency: try query.currency("currency"),
            period: try query.keyword("period", LedgerPeriod.allCases.map(\.rawValue)).flatMap(LedgerPeriod.init(rawValue:)),
            by: try query.keyword("by", ReportRequest.SeriesKey.allCases.map(\.rawValue)).flatMap(ReportRequest.SeriesKey.init(rawValue:)),
            from: try query.date("from"))
        try report.validate { $0 }
        return report
    }

    static func parse<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DomainError {
            throw APIProblem(.badParameter, "\(name): \(error.message)")
        } catch {
            throw APIProblem(.badParameter, "\(name): \(error)")
        }
    }

    /// A path parameter; one holding a control character names nothing there is.
    static func parameter(_ context: BasicRequestContext, _ name: String) throws -> String {
        guard let value = context.parameters.get(name),
              !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIProblem(.notFound, "no such \(name)")
        }
        return value
    }

    static func identifier(_ context: BasicRequestContext, _ name: String) throws -> Int {
        let text = try parameter(context, name)
        guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(text), (1...Int(Int32.max)).contains(value) else {
            throw APIProblem(.badParameter, "\(name): \(text) is not a snapshot id")
        }
        return value
    }

    /// The snapshots as `rollup list --format json` lists them.
    static func rollupList(_ snapshots: [RollupStore.Snapshot]) -> String {
        JSONText.objects(header: RollupListing.header, rows: RollupListing.rows(snapshots))
    }
}
