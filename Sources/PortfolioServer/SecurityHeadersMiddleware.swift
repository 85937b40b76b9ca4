import HTTPTypes
import Hummingbird

/// Headers every answer carries: no sniffing, no framing, no referrer; HTML pages also a
/// Content-Security-Policy that runs no script but the dashboard's own and loads nothing from
/// elsewhere.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The policy of HTML pages: their own inline styles and SVG, the one script whose hash it
    /// names, and requests back to the server (the event stream, the page's refresh) only.
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src \(LiveScript.hash); connect-src 'self'; style-src 'unsafe-inline'; img-src data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        for (name, value) in [("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer")] {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        }
        return response
    }
}
