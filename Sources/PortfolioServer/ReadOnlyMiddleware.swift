import Hummingbird

/// The service only reads: any method but GET and HEAD is answered 405 before routing, and a
/// request with a body is refused (413 above `maxBodyBytes`, which GET and HEAD never need).
struct ReadOnlyMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return APIProblem(.methodNotAllowed, "this service only reads: use GET or HEAD").response(headers: [.allow: "GET, HEAD"])
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodyBytes {
            return APIProblem(.tooLarge, "a request body of \(length) bytes; this service takes none").response()
        }
        return try await next(request, context)
    }
}
