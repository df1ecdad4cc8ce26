public import Vapor

/// An error a client can act on: HTTP status, a stable code, a message for people and, where one field is at
/// fault, its name. Anything else becomes a 500 whose detail is logged and never returned.
public struct APIError: AbortError, Sendable {
    public var status: HTTPResponseStatus
    public var code: String
    public var message: String
    public var field: String?
    public var headers: HTTPHeaders

    public init(
        _ status: HTTPResponseStatus, code: String, message: String, field: String? = nil, headers: HTTPHeaders = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    public var reason: String { message }

    /// 422: `field` holds a value that isn't allowed.
    public static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(.unprocessableEntity, code: "invalid_field", message: message, field: field)
    }

    /// 404: no such resource.
    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not_found", message: "\(what) not found")
    }

    /// 409: the request conflicts with what exists (`field` is taken).
    public static func conflict(_ field: String, _ message: String) -> APIError {
        APIError(.conflict, code: "conflict", message: message, field: field)
    }
}
