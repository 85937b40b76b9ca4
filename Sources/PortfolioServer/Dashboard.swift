import Foundation
import Hummingbird
import PortfolioCore
import PortfolioReports
import PortfolioService
import PortfolioStore

/// The dashboard: the HTML report's page (the same renderer and charts as `report --format
/// html`) with a form for the date and currency, the projects with filters, and a page per
/// project. Plain HTML: it works without JavaScript and prints; its one small script
/// (`LiveScript`) only keeps it current.
enum Dashboard {
    static func page(_ request: Request, _ server: ServerContext) async throws -> Response {
        let query = QueryParameters(request: request, emptyIsAbsent: true)
        let asOf = try query.date("as_of")
        let currency = try query.currency("currency")
        let filter = ProjectStore.Filter(sector: try query.sector("sector"), status: try query.status("status"), lender: try query.text("lender"))
        let after = try query.text("after")
        return try await Routes.cached(request, server, format: "html") { c in
            let report = ReportRequest(kind: .sectors, format: .html, asOf: asOf, currency: currency)
            let html = try ReportService(c).render(report)
            let matching = try ProjectStore(c).list(filter)
            let rest = after.map { code in matching.filter { $0.code.rawValue > code } } ?? matching
            let projects = Array(rest.prefix(Self.pageSize))
            let next = rest.count > Self.pageSize ? projects.last.map(\.code.rawValue) : nil
            let sectors = try SectorStore(c).list().map(\.code)
            let controls = Self.controls(asOf: asOf, currency: currency, filter: filter, sectors: sectors)
            let list = Self.projectTable(projects, total: matching.count, next: next.map { Self.link(request, after: $0) })
            let page = Self.inserting(controls, after: "</header>", into: html)
                .replacingOccurrences(of: "<footer class=\"page\">", with: list + "<footer class=\"page\">")
                .replacingOccurrences(of: "</body>", with: LiveScript.element + "\n</body>")
            return (page, ReportFormat.html.mediaType)
        }
    }

    static func inserting(_ text: String, after marker: String, into html: String) -> String {
        guard let range = html.range(of: marker) else { return text + html }
        return html.replacingCharacters(in: range, with: marker + "\n" + text)
    }

    static func controls(asOf: LocalDate?, currency: Currency?, filter: ProjectStore.Filter, sectors: [String]) -> String {
        let statuses = ProjectStatus.allCases.map(\.rawValue)
        func options(_ values: [String], selected: String?) -> String {
            "<option value=\"\"" + (selected == nil ? " selected" : "") + ">any</option>"
                + values.map { "<option" + ($0 == selected ? " selected" : "") + ">\(HTML.escape($0))</option>" }.joined()
        }
        return """
            <style>nav.controls form { display: flex; flex-wrap: wrap; gap: 0.5em 1em; align-items: end; margin: 1em 0; } \
            @media print { nav.controls { display: none; } }</style>
            <nav class="controls" aria-label="Report options">
            <form method="get" action="/">
            <label>As of <input type="date" name="as_of" value="\(asOf?.description ?? "")"></label>
            <label>Currency <input name="currency" size="3" maxlength="3" value="\(HTML.escape(currency?.code ?? ""))"></label>
            <label>Sector <select name="sector">\(options(sectors, selected: filter.sector))</select></label>
            <label>Status <select name="status">\(options(statuses, selected: filter.status?.rawValue))</select></label>
            <label>Lender <input name="lender" value="\(HTML.escape(filter.lender ?? ""))"></label>
            <button type="submit">Show</button>
            <a href="/">Today</a> · <a href="/api/v1/reports/sectors">JSON</a> · <a href="/openapi.json">API</a>
            </form>
            </nav>
            """
    }

    /// The most projects the page lists at once.
    static let pageSize = 100

    /// The page's own link with `after` set to `code`.
    static func link(_ request: Request, after code: String) -> String {
        var items = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("after=") }.map(String.init)
        items.append("after=" + (code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? code))
        return "/?" + items.joined(separator: "&")
    }

    static func projectTable(_ projects: [Project], total: Int, next: String?) -> String {
        var rows = ""
        for p in projects {
            rows += "<tr><td><a href=\"/projects/\(HTML.escape(percentEncoded(p.code.rawValue)))\">\(HTML.escape(p.code.rawValue))</a></td>"
                + "<td>\(HTML.escape(p.name))</td><td>\(HTML.escape(p.sectorCode))</td><td>\(p.status.rawValue)</td>"
                + "<td class=\"num\">\(p.value.formatted(grouping: true)) \(p.value.currency.code)</td></tr>\n"
        }
        return """
            <section aria-labelledby="projects"><h2 id="projects">Projects (\(total))</h2>
            <table><thead><tr><th scope="col">Code</th><th scope="col">Name</th><th scope="col">Sector</th><th scope="col">Status</th>\
            <th scope="col" class="num">Value</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>\(next.map { "<p><a href=\"\(HTML.escape($0))\">Next projects →</a></p>" } ?? "")</section>

            """
    }

    static func projectPage(_ detail: ProjectDetail) -> String {
        let p = detail.project
        var facts: [(String, String)] = [
            ("Code", p.code.rawValue), ("Sector", p.sectorCode), ("Status", p.status.rawValue),
            ("Value", "\(p.value.formatted(grouping: true)) \(p.value.currency.code)"), ("Value date", p.valueDate.description),
            ("Lenders", p.lenders.map { "\($0.lender) (\($0.percentText)%)" }.joined(separator: "; ")),
        ]
        if let start = p.startDate { facts.append(("Start", start.description)) }
        if let end = p.endDate { facts.append(("End", end.description)) }
        if let location = p.location { facts.append(("Location", location)) }
        if let description = p.description { facts.append(("Description", description)) }
        if let source = detail.source { facts.append(("Source", "\(source.dataset) record \(source.recordID)")) }
        var body = "<p><a href=\"/\">← Portfolio</a> · <a href=\"/api/v1/projects/\(HTML.escape(percentEncoded(p.code.rawValue)))\">JSON</a></p>\n"
        body += "<table><tbody>\n" + facts.map { "<tr><th scope=\"row\">\(HTML.escape($0.0))</th><td>\(HTML.escape($0.1))</td></tr>" }
            .joined(separator: "\n") + "\n</tbody></table>\n"
        body += "<h2>Status history</h2>\n<table><thead><tr><th scope=\"col\">Effective</th><th scope=\"col\">From</th><th scope=\"col\">To</th>"
            + "<th scope=\"col\">Note</th></tr></thead><tbody>\n"
        for entry in detail.history {
            body += "<tr><td>\(entry.effective)</td><td>\(entry.from?.rawValue ?? "-")</td><td>\(entry.to.rawValue)</td>"
                + "<td>\(HTML.escape(entry.note ?? ""))</td></tr>\n"
        }
        body += "</tbody></table>\n"
        if !detail.transactions.isEmpty {
            body += "<h2>Transactions</h2>\n<table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Type</th><th scope=\"col\">Lender</th>"
                + "<th scope=\"col\" class=\"num\">Amount</th></tr></thead><tbody>\n"
            for t in detail.transactions {
                body += "<tr><td>\(t.valueDate)</td><td>\(t.type.rawValue)</td><td>\(HTML.escape(t.lender))</td>"
                    + "<td class=\"num\">\(t.amount.formatted(grouping: true)) \(t.amount.currency.code)</td></tr>\n"
            }
            body += "</tbody></table>\n"
        }
        return HTMLRenderer.page(title: "\(p.code) — \(p.name)", heading: p.name, meta: "Project \(p.code)", body: body)
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? text
    }
}
