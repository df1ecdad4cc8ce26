import DRMCore
import DRMEngine
import DRMSchema
import DRMTestSupport
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// The web UI's pages through HTTP: which role sees which page, the session cookie, and forged form posts.
@Suite struct WebPagesTests {
    static let password = "Page-walker-42"

    /// A web session cookie for a new user of `role`.
    static func session(_ app: Application, _ role: UserRole) async throws -> String {
        let name = "page-\(role.rawValue)"
        try await UserAccounts(database: app.db, hasher: .bcrypt, audit: AuditTrail(.system))
            .create(username: name, email: "\(name)@example.com", password: password, role: role)
        let state = app.storage[AuthStateKey.self]!
        let sessions = AuthSessions(
            database: app.db, hasher: .bcrypt, signer: state.signer, throttle: state.throttle,
            audit: AuditTrail(.system))
        return try await sessions.login(username: name, password: password, address: "127.0.0.1", userAgent: nil)
            .refreshToken
    }

    static func get(_ app: Application, _ path: String, cookie: String?) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        try await app.testing().test(
            .GET, path,
            beforeRequest: { request in
                if let cookie { request.headers.cookie = ["drm_session": .init(string: cookie)] }
            }, afterResponse: { result = $0 })
        return try #require(result)
    }

    static func post(
        _ app: Application, _ path: String, cookie: String, form: [String: String], headers: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        try await app.testing().test(
            .POST, path, headers: headers,
            beforeRequest: { request in
                request.headers.cookie = ["drm_session": .init(string: cookie)]
                try request.content.encode(form, as: .urlEncodedForm)
            }, afterResponse: { result = $0 })
        return try #require(result)
    }

    @Test("each role sees exactly the pages the permission table allows", arguments: SchemaDialect.allCases)
    func pagesPerRole(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, _ in
            for route in SiteRoute.allCases {
                let anonymous = try await Self.get(app, route.path, cookie: nil)
                #expect(anonymous.status == .seeOther, "\(route.path) without a session")
                #expect(anonymous.headers.first(name: .location)?.hasPrefix("/login?next=") == true)
            }
            for role in UserRole.allCases {
                let cookie = try await Self.session(app, role)
                for route in SiteRoute.allCases {
                    let response = try await Self.get(app, route.path, cookie: cookie)
                    let expected: HTTPStatus = route.allows(role) ? .ok : .forbidden
                    #expect(response.status == expected, "\(role) on \(route.path): \(response.status)")
                    #expect(response.headers.contentType == .html)
                    if response.status == .ok {
                        #expect(response.headers.first(name: "Content-Security-Policy") != nil)
                        let links = SiteRoute.allCases.filter { response.body.string.contains("href=\"\($0.path)\"") }
                        #expect(links == SiteRoute.allCases.filter { $0.allows(role) }, "\(role)'s navigation")
                    }
                }
            }
        }
    }

    @Test func formPostsNeedTheSessionsTokenAndThisOrigin() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let cookie = try await Self.session(app, .administrator)
            let page = try await Self.get(app, "/settings", cookie: cookie)
            let token = try #require(
                page.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) })

            let missing = try await Self.post(app, "/settings", cookie: cookie, form: ["max_concurrent_jobs": "9"])
            let wrong = try await Self.post(
                app, "/settings", cookie: cookie, form: ["max_concurrent_jobs": "9", "_csrf": token + "x"])
            let foreign = try await Self.post(
                app, "/settings", cookie: cookie, form: ["max_concurrent_jobs": "9", "_csrf": token],
                headers: ["Origin": "https://evil.example", "Host": "127.0.0.1:8080"])
            let otherSession = try await Self.session(app, .manager)
            let stolen = try await Self.post(
                app, "/settings", cookie: otherSession, form: ["max_concurrent_jobs": "9", "_csrf": token])
            let good = try await Self.post(
                app, "/settings", cookie: cookie, form: ["max_concurrent_jobs": "9", "_csrf": token],
                headers: ["Origin": "http://127.0.0.1:8080", "Host": "127.0.0.1:8080"])
            let settings = try await SystemSettings(database: app.db).all()

            #expect(missing.status == .forbidden)
            #expect(wrong.status == .forbidden)
            #expect(foreign.status == .forbidden)
            #expect(stolen.status == .forbidden, "a token is good for its own session only")
            #expect(good.status == .seeOther)
            #expect(settings[.maxConcurrentJobs] == 9)
        }
    }

    @Test func theLogInSetsAnHttpOnlySameSiteCookieThatIsSecureOffLoopback() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            for host in ["127.0.0.1:8080", "drm.example.com"] {
                var nonce = ""
                try await app.testing().test(
                    .GET, "login", headers: ["Host": host],
                    afterResponse: { nonce = $0.headers.setCookie?["drm_login"]?.string ?? "" })
                var response: TestingHTTPResponse?
                try await app.testing().test(
                    .POST, "login", headers: ["Host": host],
                    beforeRequest: { request in
                        request.headers.cookie = ["drm_login": .init(string: nonce)]
                        try request.content.encode(
                            [
                                "username": "ada", "password": AuthTests.password, "_login": nonce,
                                "next": "//evil.example",
                            ],
                            as: .urlEncodedForm)
                    }, afterResponse: { response = $0 })
                let cookie = try #require(response?.headers.setCookie?["drm_session"])
                #expect(response?.status == .seeOther)
                #expect(response?.headers.first(name: .location) == "/dashboard", "no open redirect")
                #expect(cookie.isHTTPOnly && cookie.sameSite == .strict)
                #expect(cookie.isSecure == (host == "drm.example.com"))
            }
            var forged: TestingHTTPResponse?
            try await app.testing().test(
                .POST, "login",
                beforeRequest: { request in
                    try request.content.encode(
                        ["username": "ada", "password": AuthTests.password], as: .urlEncodedForm)
                }, afterResponse: { forged = $0 })
            #expect(forged?.status == .forbidden, "a log-in post without the form's cookie")
        }
    }
}
