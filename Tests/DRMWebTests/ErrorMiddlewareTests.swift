import DRMCore
import Testing
import Vapor

@testable import DRMWeb

/// The one mapping of domain errors to HTTP: each kind has one status and code, the field and message go to the
/// caller, the debug detail never does.
@Suite struct ErrorMiddlewareTests {
    struct Refusal: DomainError {
        var kind: ErrorKind
        var field: String? = "name"
        var message = "name is taken"
        var debugDetail: String? = "row 42 of users, secret=hunter2"
    }

    @Test(
        "every kind maps to one status and code; the debug detail is never returned",
        arguments: [
            (ErrorKind.invalid, 422, "invalid_field"), (.badRequest, 400, "bad_request"),
            (.unauthenticated, 401, "unauthorized"), (.badCredentials, 401, "invalid_credentials"),
            (.forbidden, 403, "forbidden"), (.notFound, 404, "not_found"), (.conflict, 409, "conflict"),
            (.throttled(retryAfterSeconds: 30), 429, "too_many_attempts"), (.unavailable, 503, "unavailable"),
        ] as [(ErrorKind, UInt, String)])
    func mapping(kind: ErrorKind, status: UInt, code: String) {
        let mapped = ErrorMiddleware.map(Refusal(kind: kind))
        #expect(mapped.status.code == status)
        #expect(mapped.code == code)
        #expect(mapped.field == "name")
        #expect(mapped.message == "name is taken")
        #expect(!"\(mapped.message)\(mapped.headers)".contains("hunter2"))
    }

    @Test("throttling says when to retry; only a missing token asks for one")
    func headers() {
        #expect(
            ErrorMiddleware.map(Refusal(kind: .throttled(retryAfterSeconds: 30))).headers.first(name: .retryAfter)
                == "30")
        #expect(ErrorMiddleware.map(Refusal(kind: .unauthenticated)).headers.first(name: .wwwAuthenticate) == "Bearer")
        #expect(ErrorMiddleware.map(Refusal(kind: .badCredentials)).headers.first(name: .wwwAuthenticate) == nil)
    }
}
