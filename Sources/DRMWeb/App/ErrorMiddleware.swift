import DRMCore
import DRMStore
import Vapor

/// The one place errors become responses: a JSON error body for the API, an error page (or the refused form again)
/// for the web UI, each with a precise status; and every response is tagged with `X-Request-ID`.
/// Bad input — malformed JSON, wrong types, missing fields, oversized bodies — is a 4xx naming the field; a
/// domain error maps by its kind; only failures of our own are 500s, and their detail goes to the log, not to
/// the client.
struct ErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch let error as any AbortError where error.status == .notFound && request.route == nil {
            // No route matched: if the path exists under other methods, the method is what's wrong.
            let allowed = Self.allowedMethods(for: request)
            response = Self.response(
                for: allowed.isEmpty
                    ? error
                    : APIError(
                        .methodNotAllowed, code: "method_not_allowed",
                        message: "\(request.method.rawValue) is not allowed here",
                        headers: ["Allow": allowed.joined(separator: ", ")]
                    ), request: request)
        } catch let error as any DomainError where request.isPage && request.formRenderer != nil {
            response = try await Self.form(for: error, request: request)
        } catch {
            response = Self.response(for: error, request: request)
        }
        response.headers.replaceOrAdd(name: "X-Request-ID", value: request.id)
        return response
    }

    /// The methods of the routes whose path matches the request's.
    static func allowedMethods(for request: Request) -> [String] {
        let components = request.url.path.split(separator: "/").map(String.init)
        let methods = request.application.routes.all.filter { route in
            route.path.count == components.count
                && zip(route.path, components).allSatisfy { pattern, component in
                    switch pattern {
                    case .constant(let text): text == component
                    case .parameter: true
                    default: false
                    }
                }
        }.map(\.method.rawValue)
        return Array(Set(methods)).sorted()
    }

    /// A refused form: the page again with the error's form message above it, at the error's status.
    static func form(for error: any DomainError, request: Request) async throws -> Response {
        let mapped = map(error)
        log(error, request: request)
        guard let render = request.formRenderer else { return response(for: error, request: request) }
        request.formRenderer = nil
        do {
            return try await render(error.formMessage).encodeResponse(status: mapped.status)
        } catch {
            return response(for: error, request: request)
        }
    }

    static func log(_ error: any DomainError, request: Request) {
        if let detail = error.debugDetail {
            request.logger.notice(
                "request refused",
                metadata: ["error": "\(error.message)", "detail": "\(detail)", "field": "\(error.field ?? "")"])
        }
    }

    static func response(for error: any Error, request: Request) -> Response {
        let mapped = map(error)
        if mapped.status == .internalServerError || mapped.status == .insufficientStorage {
            request.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
        }
        if let error = error as? any DomainError { log(error, request: request) }
        if request.isPage {
            return Layout.document(
                title: "Error \(mapped.status.code)",
                body: """
                    <div class="login"><h1>\(Int(mapped.status.code)) \(mapped.status.reasonPhrase)</h1><p>\(mapped.message)</p>
                    <p><a href="\(SiteRoute.dashboard.path)">Dashboard</a> · <a href="\(SiteRoute.login.path)">Log in</a></p><p class="empty">Request \(request.id)</p></div>
                    """
            ).encodeResponse(status: mapped.status)
        }
        let body = ErrorBody(
            error: .init(code: mapped.code, message: mapped.message, field: mapped.field, requestID: request.id))
        let response = Response(status: mapped.status, headers: mapped.headers)
        try? response.content.encode(body, as: .json)
        return response
    }

    static func map(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as any DomainError:
            return domain(error)
        case let error as DecodingError:
            return decoding(error)
        case let error as ValidationsError:
            let failure = error.failures.first
            return .invalid(failure?.key.description ?? "body", error.description)
        case let error as any AbortError:
            let code =
                switch error.status {
                case .notFound: "not_found"
                case .payloadTooLarge: "payload_too_large"
                case .unsupportedMediaType: "unsupported_media_type"
                case .methodNotAllowed: "method_not_allowed"
                case .unauthorized: "unauthorized"
                case .forbidden: "forbidden"
                default: error.status.code < 500 ? "bad_request" : "internal_error"
                }
            let message = error.status.code < 500 ? error.reason : "internal error"
            return APIError(error.status, code: code, message: message, headers: error.headers)
        default:
            // A full disk or a read-only data directory is the operator's to fix, and the client's to know: 507 or
            // 503 with a clear message instead of a bare 500 (the transaction was rolled back; nothing is half-written).
            if let storage = StorageFailure(error) { return domain(storage) }
            return APIError(.internalServerError, code: "internal_error", message: "internal error")
        }
    }

    /// A domain error by its kind: the status and code, its message and field; its debug detail stays in the log.
    static func domain(_ error: any DomainError) -> APIError {
        var headers: HTTPHeaders = [:]
        let status: HTTPResponseStatus
        switch error.kind {
        case .invalid: status = .unprocessableEntity
        case .badRequest: status = .badRequest
        case .unauthenticated:
            status = .unauthorized
            headers.add(name: .wwwAuthenticate, value: "Bearer")
        case .badCredentials: status = .unauthorized
        case .forbidden: status = .forbidden
        case .notFound: status = .notFound
        case .conflict: status = .conflict
        case .throttled(let seconds):
            status = .tooManyRequests
            headers.add(name: .retryAfter, value: String(seconds))
        case .unavailable: status = .serviceUnavailable
        case .insufficientStorage: status = .insufficientStorage
        }
        return APIError(status, code: error.kind.code, message: error.message, field: error.field, headers: headers)
    }

    /// A JSON body that doesn't parse is a 400; a value of the wrong type or a missing field is a 422 on that field.
    static func decoding(_ error: DecodingError) -> APIError {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return APIError(.badRequest, code: "malformed_json", message: "the request body is not valid JSON")
        case .valueNotFound(_, let context) where context.codingPath.isEmpty,
            .typeMismatch(_, let context) where context.codingPath.isEmpty:
            // `null`, `[]` or a bare value where the route takes an object: the body itself is at fault.
            return .invalid("body", "the request body must be a JSON object")
        case .dataCorrupted(let context):
            return .invalid(path(context), "\(path(context)) has a value that isn't allowed")
        case .keyNotFound(let key, let context):
            return .invalid(path(context, key), "\(path(context, key)) is required")
        case .valueNotFound(_, let context):
            return .invalid(path(context), "\(path(context)) must not be null")
        case .typeMismatch(let type, let context):
            return .invalid(path(context), "\(path(context)) must be \(describe(type))")
        @unknown default:
            return APIError(.badRequest, code: "bad_request", message: "the request body can't be read")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "of another type"
        }
    }
}

extension Request {
    /// A request for a page of the web UI (errors get an HTML page), not for the API or a probe.
    var isPage: Bool {
        let path = url.path
        return !(path.hasPrefix("/api/") || path == "/healthz" || path == "/readyz" || path.hasPrefix("/static/"))
    }
}

/// Where a page keeps how it shows its form again when a use case refuses it.
struct FormRendererKey: StorageKey {
    typealias Value = @Sendable (String) async throws -> HTML
}

extension Request {
    /// How this request's page shows its form again with an error above it. A page sets it before calling the
    /// use case; `ErrorMiddleware` calls it with the refusal's form message and answers with the refusal's status.
    var formRenderer: (@Sendable (String) async throws -> HTML)? {
        get { storage[FormRendererKey.self] }
        set { storage[FormRendererKey.self] = newValue }
    }

    /// Shows `render(message)` instead of an error page when a use case called after this refuses the request.
    func rendersRefusals(with render: @escaping @Sendable (String) async throws -> HTML) {
        formRenderer = render
    }
}
