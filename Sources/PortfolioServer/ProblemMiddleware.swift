import Hummingbird
import Logging
import PortfolioService
import PortfolioStore
import Postgres

/// Turns every error a route throws into a problem answer: what the caller can fix says so,
/// anything else is logged and answered 500 without its details.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as APIProblem {
            return problem.response()
        } catch let refusal as ReportRequest.Refusal {
            return APIProblem(.badParameter, "\(refusal.option): \(refusal.message)").response()
        } catch let error as StoreError {
            switch error {
            case .projectNotFound, .projectCodeCase, .sectorNotFound, .snapshotNotFound:
                return APIProblem(.notFound, error.description).response()
            // Parameters are checked before the store is asked: what it refuses then is the
            // data's answer to a well-formed request (a rate missing, snapshots that differ).
            case .invalid, .duplicate, .versionConflict: return APIProblem(.conflict, error.description).response()
            case .unreadable: return APIProblem(.internalError, "the server could not read what it needed").response()
            }
        } catch let error as HTTPError {
            switch error.status {
            case .notFound: return APIProblem(.notFound, "no resource at \(request.uri.path)").response()
            case .contentTooLarge: return APIProblem(.tooLarge, "the request is larger than the server takes").response()
            default: return APIProblem(.badParameter, error.body ?? "the request cannot be answered").response()
            }
        } catch let error as PostgresError where error.kind == .connection || error.kind == .busy || error.sqlState == "57014" {
            // Lost, every connection busy with as many waiting as admitted, or a statement
            // cancelled by its timeout: the caller may retry.
            logger.warning("database unavailable", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return APIProblem(.unavailable, "the database is unavailable or busy; retry later").response()
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return APIProblem(.internalError, "the request failed on the server").response()
        }
    }
}
