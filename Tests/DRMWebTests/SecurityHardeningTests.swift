import DRMCore
import DRMEngine
import DRMSchema
import DRMTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// Issue #12's defects, each reproduced through HTTP: log-in throttling behind proxies, open redirects after
/// log-in, sessions that outlived a password change, and refresh-token rotation under concurrency.
@Suite struct SecurityHardeningTests {
    static func app(
        _ dialect: SchemaDialect, trustedProxies: String? = nil, _ body: (Application, TestDatabase) async throws -> Void
    ) async throws {
        try await TestDatabase.with(dialect) { database in
            var flags: [AppConfig.Key: String] = [
                .databaseURL: database.urlString, .secretKey: Data(repeating: 7, count: 32).base64EncodedString(),
            ]
            flags[.trustedProxies] = trustedProxies
            let config = try AppConfig.load(flags: flags, workingDirectory: FileManager.default.temporaryDirectory.path)
            let environment = try AppEnvironment.open(config, hasher: .bcrypt)
            let app = try await Application.make(.testing)
            do {
                try await configure(app, environment)
                let accounts = UserAccounts(database: app.db, hasher: .bcrypt, audit: AuditTrail(.system))
                try await accounts.create(
                    username: "ada", email: "ada@example.com", password: AuthTests.password, role: .manager)
                try await accounts.create(
                    username: "root", email: "root@example.com", password: AuthTests.password, role: .administrator)
                try await body(app, database)
            } catch {
                try await app.asyncShutdown()
                await environment.shutdown()
                throw error
            }
            try await app.asyncShutdown()
            await environment.shutdown()
        }
    }

    /// A log-in over a real socket from 127.0.0.1, saying it forwards for `client`.
    static func login(_ client: any TestingApplicationTester, _ password: String, forwardedFor: String) async throws
        -> HTTPStatus
    {
        var status: HTTPStatus?
        try await client.test(
            .POST, "api/v1/auth/login",
            beforeRequest: { request in
                request.headers.replaceOrAdd(name: .xForwardedFor, value: forwardedFor)
                try request.content.encode(["username": "root", "password": password])
            }, afterResponse: { status = $0.status })
        return try #require(status)
    }

    @Test("one client's failures don't lock the administrator out from another; proxies only when trusted")
    func throttleBehindAProxy() async throws {
        try await Self.app(.sqlite, trustedProxies: "127.0.0.1") { app, _ in
            let client = try app.testing(method: .running(hostname: "127.0.0.1", port: try FreePort.find()))
            for _ in 0..<5 {
                #expect(try await Self.login(client, "wrong-password-1", forwardedFor: "203.0.113.5") == .unauthorized)
            }
            #expect(try await Self.login(client, AuthTests.password, forwardedFor: "203.0.113.5") == .tooManyRequests)
            #expect(try await Self.login(client, AuthTests.password, forwardedFor: "198.51.100.7") == .ok)
        }
        try await Self.app(.sqlite) { app, _ in
            let client = try app.testing(method: .running(hostname: "127.0.0.1", port: try FreePort.find()))
            for _ in 0..<5 {
                #expect(try await Self.login(client, "wrong-password-1", forwardedFor: "203.0.113.5") == .unauthorized)
            }
            #expect(
                try await Self.login(client, AuthTests.password, forwardedFor: "198.51.100.7") == .tooManyRequests,
                "an untrusted peer's X-Forwarded-For is ignored: the socket's address is the client")
        }
    }

    @Test("after log-in, only a path on this site is a redirect target")
    func noOpenRedirect() async throws {
        try await Self.app(.sqlite) { app, _ in
            for next in ["/\\evil.example/", "/\\/evil.example", "/\t/evil.example", "//evil.example", "https://evil.example",
                "/%09/evil.example"]
            {
                var nonce = ""
                try await app.testing().test(
                    .GET, "login", afterResponse: { nonce = $0.headers.setCookie?["drm_login"]?.string ?? "" })
                var location: String?
                try await app.testing().test(
                    .POST, "login", headers: ["Host": "127.0.0.1:8080"],
                    beforeRequest: { request in
                        request.headers.cookie = ["drm_login": .init(string: nonce)]
                        try request.content.encode(
                            ["username": "ada", "password": AuthTests.password, "_login": nonce, "next": next],
                            as: .urlEncodedForm)
                    }, afterResponse: { location = $0.headers.first(name: .location) })
                let expected = next == "/%09/evil.example" ? next : "/dashboard"
                #expect(location == expected, "next=\(next.debugDescription)")
            }
        }
    }

    @Test("a password change ends the account's sessions, refresh tokens and cookies", arguments: SchemaDialect.allCases)
    func passwordChangeEndsSessions(dialect: SchemaDialect) async throws {
        try await Self.app(dialect) { app, _ in
            let ada = try AuthTests.tokens(try await AuthTests.login(app))
            let root = try AuthTests.tokens(try await AuthTests.login(app, "root"))
            let adaID = try await UserAccounts(database: app.db, hasher: .bcrypt, audit: AuditTrail(.system))
                .find("ada").requireID()

            let change = try await AuthTests.send(
                app, .PATCH, "api/v1/users/\(adaID)", token: root.access, json: ["password": "Another-horse-77"])
            let refresh = try await AuthTests.send(
                app, .POST, "api/v1/auth/refresh", json: ["refresh_token": ada.refresh])
            let me = try await AuthTests.send(app, .GET, "api/v1/auth/me", token: ada.access)

            #expect(change.status == .ok, "\(change.body.string)")
            #expect(refresh.status == .unauthorized)
            #expect(me.status == .unauthorized, "the access token's session is gone")
            let rootMe = try await AuthTests.send(app, .GET, "api/v1/auth/me", token: root.access)
            #expect(rootMe.status == .ok, "the administrator's own session stays")
        }
    }

    @Test("20 concurrent refreshes of one token: one wins; replaying a rotated token ends the session",
          arguments: SchemaDialect.allCases)
    func refreshRotation(dialect: SchemaDialect) async throws {
        try await Self.app(dialect) { app, _ in
            let burst = try AuthTests.tokens(try await AuthTests.login(app))
            let responses = try await withThrowingTaskGroup(of: TestingHTTPResponse.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await AuthTests.send(app, .POST, "api/v1/auth/refresh", json: ["refresh_token": burst.refresh])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let winners = responses.filter { $0.status == .ok }
            #expect(winners.count == 1, "\(responses.map(\.status))")

            let first = try AuthTests.tokens(try await AuthTests.login(app))
            let second = try AuthTests.tokens(
                try await AuthTests.send(app, .POST, "api/v1/auth/refresh", json: ["refresh_token": first.refresh]))
            let replay = try await AuthTests.send(app, .POST, "api/v1/auth/refresh", json: ["refresh_token": first.refresh])
            let afterReplay = try await AuthTests.send(
                app, .POST, "api/v1/auth/refresh", json: ["refresh_token": second.refresh])
            let access = try await AuthTests.send(app, .GET, "api/v1/auth/me", token: second.access)

            #expect(replay.status == .unauthorized)
            #expect(afterReplay.status == .unauthorized, "a replayed token ends the session it was rotated in")
            #expect(access.status == .unauthorized)
        }
    }
}
