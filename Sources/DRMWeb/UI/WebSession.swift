import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// The web UI's session: a cookie holding the session's refresh token (stored only as a hash in
/// `user_sessions`), `HttpOnly`, `SameSite=Strict`, and `Secure` unless the page is served over plain HTTP on a
/// loopback address. Every form post carries a token derived from the cookie and must come from this origin.
struct WebSessionMiddleware: AsyncMiddleware {
    static let cookieName = "drm_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.cookies[Self.cookieName]?.string,
            let principal = try? await request.authSessions.authenticate(sessionToken: token)
        else {
            guard request.method == .GET else {
                throw Abort(.unauthorized, reason: "Your session has ended; log in again")
            }
            let next = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
            return request.redirect(
                to: SiteRoute.login.path + "?next="
                    + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        request.storage[PrincipalKey.self] = principal
        request.storage[FormTokenKey.self] = request.signer.formToken(for: token)
        if request.method != .GET && request.method != .HEAD {
            // The route collects the body only after the middleware has run: read it whole here, or a body that
            // arrives after the head would look like a form without its token.
            _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            try Self.checkForm(request)
        }
        return try await next.respond(to: request)
    }

    /// A form post must carry this session's form token and, when the browser says where it comes from, come
    /// from this site.
    static func checkForm(_ request: Request) throws {
        let sent = try? request.content.get(String.self, at: "_csrf")
        guard let expected = request.storage[FormTokenKey.self], sent == expected, sameOrigin(request) else {
            throw Abort(.forbidden, reason: "This form has expired or came from another site; reload the page")
        }
    }

    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers.first(name: .origin) ?? request.headers.first(name: .referer),
            let host = request.headers.first(name: .host)
        else { return true }
        guard let url = URL(string: origin), let originHost = url.host else { return false }
        return (url.port.map { "\(originHost):\($0)" } ?? originHost) == host
    }

    /// The session cookie: `Secure` except over plain HTTP on loopback, where browsers would drop it.
    static func cookie(_ token: String?, for request: Request, maxAge: Int) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: token ?? "", expires: token == nil ? Date(timeIntervalSince1970: 0) : nil,
            maxAge: token == nil ? 0 : maxAge, path: "/", isSecure: !request.isLoopbackHTTP, isHTTPOnly: true,
            sameSite: .strict)
    }
}

struct FormTokenKey: StorageKey {
    typealias Value = String
}

extension Request {
    /// The anti-forgery token to put in this page's forms.
    var formToken: String { storage[FormTokenKey.self] ?? "" }

    var signer: TokenSigner { application.storage[AuthStateKey.self]!.signer }

    /// Plain HTTP to a loopback host (no proxy saying it was HTTPS).
    var isLoopbackHTTP: Bool {
        if headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https" { return false }
        let host = (headers.first(name: .host) ?? "").split(separator: ":").first.map(String.init) ?? ""
        return ["localhost", "127.0.0.1", "[::1]"].contains(host) || host.hasPrefix("127.")
    }

    /// The user may see `route`; otherwise a 403 (audited).
    func require(_ route: SiteRoute) async throws -> AuthSessions.Principal {
        let principal = try principal
        guard route.allows(principal.user.role) else {
            if let permission = route.permission { try await recordDenial(of: permission) }
            throw Abort(.forbidden, reason: "The \(principal.user.role.rawValue) role may not see \(route.title)")
        }
        return principal
    }

    /// The user may do `permission` (a form action); otherwise a 403 (audited).
    func require(_ permission: Permission) async throws {
        let role = try principal.user.role
        guard PermissionTable.allows(role, permission) else {
            try await recordDenial(of: permission)
            throw Abort(.forbidden, reason: "The \(role.rawValue) role may not do \(permission)")
        }
        if try await inMaintenance(for: permission) {
            throw Abort(
                .serviceUnavailable, headers: ["Retry-After": "60"],
                reason: "EnableDRM is in maintenance mode: only administrators can make changes")
        }
    }
}
