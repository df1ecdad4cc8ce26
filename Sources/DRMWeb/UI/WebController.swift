import Crypto
import DRMCore
import DRMEngine
import Foundation
import Vapor

/// The web UI's entry points: log-in, log-out, the root, and the areas not built yet. Each built area has its
/// own page controller; all pages but the log-in page are behind ``WebSessionMiddleware``.
struct WebController: RouteCollection {
    static let loginCookie = "drm_login"

    func boot(routes: any RoutesBuilder) throws {
        routes.get { request in request.redirect(to: SiteRoute.dashboard.path) }
        routes.get(SiteRoute.login.components, use: loginPage)
        routes.post(SiteRoute.login.components, use: login)
        let pages = routes.grouped(WebSessionMiddleware())
        pages.post(SiteRoute.logout.components, use: logout)
        for route in SiteRoute.allCases where !route.isBuilt {
            pages.get(route.components) { request in try await Self.later(request, route) }
        }
        try pages.register(collection: DashboardPage())
        try pages.register(collection: TargetsPage())
        try pages.register(collection: DeviceTypesPage())
        try pages.register(collection: TargetEditPage())
        try pages.register(collection: TargetChoicesEndpoint())
        try pages.register(collection: JobList())
        try pages.register(collection: JobShow())
        try pages.register(collection: ExecutionsPage())
        try pages.register(collection: ExecutionPage())
        try pages.register(collection: QueuePage())
        try pages.register(collection: SchedulesPage())
        try pages.register(collection: SystemPage())
        try pages.register(collection: ReportsPage())
        try pages.register(collection: UsersPage())
        try pages.register(collection: SessionsPage())
        try pages.register(collection: AuditPage())
        try pages.register(collection: SettingsPage())
        try pages.register(collection: DiscoveryPage())
    }

    /// The log-in form. A random value in a cookie and in the form (double submit) keeps other sites from posting it.
    func loginPage(request: Request) async throws -> Response {
        let nonce = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let response = Self.loginForm(request, nonce: nonce, error: nil).encodeResponse(status: .ok)
        response.cookies[Self.loginCookie] = HTTPCookies.Value(
            string: nonce, maxAge: 3600, path: SiteRoute.login.path, isSecure: !request.isLoopbackHTTP,
            isHTTPOnly: true,
            sameSite: .strict)
        return response
    }

    static func loginForm(_ request: Request, nonce: String, error: String?, username: String = "", next: String? = nil)
        -> HTML
    {
        let next = next ?? request.query[String.self, at: "next"] ?? ""
        let warning: HTML =
            request.isLoopbackHTTP || request.headers.first(name: "X-Forwarded-Proto") == "https"
            ? ""
            : "<p class=\"error\">Serve EnableDRM over HTTPS (or from localhost): browsers keep its secure session cookie only then.</p>"
        return Layout.document(
            title: "Log in",
            body: """
                <div class="login"><h1>EnableDRM</h1>\(warning)\(error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" as HTML } ?? "")
                <form method="post" action="\(SiteRoute.login.path)">
                <input type="hidden" name="_login" value="\(nonce)"><input type="hidden" name="next" value="\(next)">
                <label>User name<input name="username" id="username" autocomplete="username" required value="\(username)" autofocus></label>
                <label>Password<input name="password" id="password" type="password" autocomplete="current-password" required></label>
                <button type="submit">Log in</button></form></div>
                """)
    }

    struct LoginForm: Content {
        var username: String
        var password: String
        var _login: String?
        var next: String?
    }

    func login(request: Request) async throws -> Response {
        let form = try request.content.decode(LoginForm.self)
        let nonce = request.cookies[Self.loginCookie]?.string ?? ""
        guard !nonce.isEmpty, form._login == nonce, WebSessionMiddleware.sameOrigin(request) else {
            return Self.loginForm(request, nonce: nonce, error: "The log-in form expired; try again.", next: form.next)
                .encodeResponse(status: .forbidden)
        }
        request.rendersRefusals { message in
            Self.loginForm(request, nonce: nonce, error: message, username: form.username, next: form.next)
        }
        let grant = try await request.logIn(username: form.username, password: form.password)
        let next = form.next.flatMap(Self.localPath) ?? SiteRoute.dashboard.path
        let response = request.redirect(to: next, redirectType: .normal)
        response.cookies[WebSessionMiddleware.cookieName] = WebSessionMiddleware.cookie(
            grant.refreshToken, for: request, maxAge: Int(grant.sessionExpiresAt.timeIntervalSinceNow))
        response.cookies[Self.loginCookie] = HTTPCookies.Value(string: "", maxAge: 0, path: SiteRoute.login.path)
        return response
    }

    /// `next` when it is a path on this site, `nil` otherwise: never an open redirect. Browsers read `\\` as `/`
    /// and drop tabs and line breaks, so `/\\evil.example` or `/<tab>/evil.example` would leave the site.
    static func localPath(_ next: String) -> String? {
        guard next.hasPrefix("/"), next.count <= 2048,
            !next.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.generalCategory == .control }),
            !next.dropFirst().hasPrefix("/"),
            let components = URLComponents(string: next), components.scheme == nil, components.host == nil
        else { return nil }
        return next
    }

    func logout(request: Request) async throws -> Response {
        try await request.authSessions.logout(try request.principal)
        let response = request.redirect(to: SiteRoute.login.path, redirectType: .normal)
        response.cookies[WebSessionMiddleware.cookieName] = WebSessionMiddleware.cookie(nil, for: request, maxAge: 0)
        return response
    }

    /// An area whose features come with a later release: it says so and shows no data.
    static func later(_ request: Request, _ route: SiteRoute) async throws -> HTML {
        _ = try await request.require(route)
        return try Layout.page(
            request, route,
            content: "<p class=\"empty\">\(route.title) is not available in this version of EnableDRM yet.</p>")
    }
}
