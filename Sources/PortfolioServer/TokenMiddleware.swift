import Hummingbird
import Logging
import PortfolioStore
import Postgres

/// Asks every request for `Authorization: Bearer TOKEN`, a live token of `portfolio token`;
/// others are answered 401 and logged with their path, never with what they sent. `/health`
/// needs none.
struct TokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let pool: ConnectionPool
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // A load balancer's probe needs no token, and learns nothing but that the process answers.
        if request.uri.path == "/health" { return try await next(request, context) }
        let header = request.headers[.authorization] ?? ""
        let prefix = "Bearer "
        guard header.hasPrefix(prefix), header.count > prefix.count, header.count < 512 else {
            return refuse(request, reason: header.isEmpty ? "no Authorization header" : "not a bearer token")
        }
        let token = String(header.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        let name = try await pool.withConnection { c in try TokenStore(c).name(of: token) }
        guard name != nil else { return refuse(request, reason: "unknown or revoked token") }
        return try await next(request, context)
    }

    private func refuse(_ request: Request, reason: String) -> Response {
        logger.notice("request refused", metadata: ["path": "\(request.uri.path)", "reason": "\(reason)"])
        return APIProblem(.unauthorized, "this server needs 'Authorization: Bearer TOKEN' with a token from 'portfolio token create'")
            .response(headers: [.wwwAuthenticate: "Bearer realm=\"portfolio\""])
    }
}
