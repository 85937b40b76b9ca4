import Foundation
import Hummingbird

/// An error answer as RFC 9457 describes it (`application/problem+json`), with a stable `type`
/// per kind of error.
public struct APIProblem: Error, Sendable, Equatable {
    /// The kinds of error, each with its status and `type`.
    public enum Kind: String, Sendable, CaseIterable {
        case notFound = "not-found"
        case badParameter = "bad-parameter"
        case methodNotAllowed = "method-not-allowed"
        case unauthorized
        /// The request is well formed, but the portfolio's data cannot answer it (a rate
        /// missing for the currency asked, snapshots in different currencies).
        case conflict
        case tooLarge = "too-large"
        case tooMany = "too-many-requests"
        case notAcceptable = "not-acceptable"
        case unavailable
        case internalError = "internal"

        public var status: HTTPResponse.Status {
            switch self {
            case .notFound: .notFound
            case .badParameter: .badRequest
            case .methodNotAllowed: .methodNotAllowed
            case .unauthorized: .unauthorized
            case .conflict: .conflict
            case .tooLarge: .contentTooLarge
            case .tooMany: .tooManyRequests
            case .notAcceptable: .notAcceptable
            case .unavailable: .serviceUnavailable
            case .internalError: .internalServerError
            }
        }

        /// The `type` URI, stable across releases.
        public var type: String { "https://github.com/portfolio-tracker/problems/" + rawValue }

        var title: String {
            switch self {
            case .notFound: "Not found"
            case .badParameter: "Bad parameter"
            case .methodNotAllowed: "Method not allowed"
            case .unauthorized: "Unauthorized"
            case .conflict: "The portfolio's data cannot answer this"
            case .tooLarge: "Request too large"
            case .tooMany: "Too many requests"
            case .notAcceptable: "Not acceptable"
            case .unavailable: "Service unavailable"
            case .internalError: "Internal error"
            }
        }
    }

    public let kind: Kind
    public let detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    struct Body: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
    }

    /// The answer, with `extra` headers.
    public func response(headers extra: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(Body(type: kind.type, title: kind.title, status: Int(kind.status.code), detail: detail)))
            ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/problem+json", .cacheControl: "no-store"]
        if kind == .tooMany || kind == .unavailable { headers[.retryAfter] = "5" }
        headers.append(contentsOf: extra)
        return Response(status: kind.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
