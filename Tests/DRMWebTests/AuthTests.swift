import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import Fluent
import Foundation
import NIOFoundationEssentialsCompat
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// Log-in, tokens, sessions and throttling through HTTP, on SQLite and PostgreSQL.
@Suite struct AuthTests {
    static let password = "Correct-horse-42"

    /// An application on a fresh database with one manager, `ada`; `flags` add to its configuration.
    static func withApp(
        _ dialect: SchemaDialect, flags extra: [AppConfig.Key: String] = [:],
        _ body: (Application, TestDatabase) async throws -> Void
    ) async throws {
        try await TestDatabase.with(dialect) { database in
            let flags: [AppConfig.Key: String] = [
                .databaseURL: database.urlString, .secretKey: Data(repeating: 7, count: 32).base64EncodedString(),
            ]
            let config = try AppConfig.load(
                flags: flags.merging(extra) { _, given in given },
                workingDirectory: FileManager.default.temporaryDirectory.path
            )
            let environment = try AppEnvironment.open(config, hasher: .bcrypt)
            let app = try await Application.make(.testing)
            do {
                try await configure(app, environment)
                // The tests read and write the database through `app.db`; the application itself never does.
                app.databases.use(environment.handle.lent, as: .main, isDefault: true)
                try await UserAccounts(database: app.db, hasher: .bcrypt, audit: AuditTrail(.system))
                    .create(username: "ada", email: "ada@example.com", password: password, role: .manager)
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

    static func login(_ app: Application, _ username: String = "ada", _ password: String = password) async throws
        -> TestingHTTPResponse
    {
        var result: TestingHTTPResponse?
        try await app.testing().test(
            .POST, "api/v1/auth/login",
            beforeRequest: { request in
                try request.content.encode(["username": username, "password": password])
            }, afterResponse: { result = $0 })
        return try #require(result)
    }

    /// Sends a request, with a bearer token and a JSON body given as string pairs or as raw text.
    static func send(
        _ app: Application, _ method: HTTPMethod, _ path: String, token: String? = nil, json: [String: String]? = nil,
        raw: String? = nil
    ) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        try await app.testing().test(
            method, path,
            beforeRequest: { request in
                if let token { request.headers.bearerAuthorization = BearerAuthorization(token: token) }
                if let json { try request.content.encode(json) }
                if let raw {
                    request.headers.contentType = .json
                    request.body = ByteBuffer(string: raw)
                }
            }, afterResponse: { result = $0 })
        return try #require(result)
    }

    static func tokens(_ response: TestingHTTPResponse) throws -> (access: String, refresh: String) {
        let body = try JSONDecoder().decode([String: JSONValue].self, from: Data(buffer: response.body))
        guard case .string(let access)? = body["access_token"], case .string(let refresh)? = body["refresh_token"]
        else {
            Issue.record("no tokens in \(response.body.string)")
            return ("", "")
        }
        return (access, refresh)
    }

    @Test("log in, who am I, refresh with rotation, log out", arguments: SchemaDialect.allCases)
    func sessionLifecycle(dialect: SchemaDialect) async throws {
        try await Self.withApp(dialect) { app, database in
            let login = try await Self.login(app)
            #expect(login.status == .ok)
            let first = try Self.tokens(login)
            #expect(!login.body.string.contains("$2b$"), "no password hash in a response")

            let me = try await Self.send(app, .GET, "api/v1/auth/me", token: first.access)
            #expect(me.status == .ok)
            #expect(me.body.string.contains(#""username":"ada""#))
            #expect(me.body.string.contains(#""role":"manager""#))

            let rows = try await database.sql.raw("SELECT session_token FROM user_sessions").all()
            #expect(rows.count == 1)
            #expect(try rows[0].decode(column: "session_token", as: String.self) != first.refresh, "stored hashed")
            let login2 = try await database.sql.raw("SELECT last_login FROM users WHERE username = 'ada'").first()
            #expect(try login2?.decode(column: "last_login", as: Date?.self) != nil)

            let refreshed = try await Self.send(
                app, .POST, "api/v1/auth/refresh", json: ["refresh_token": first.refresh])
            #expect(refreshed.status == .ok)
            let second = try Self.tokens(refreshed)

            let logout = try await Self.send(app, .POST, "api/v1/auth/logout", token: second.access)
            #expect(logout.status == .noContent)
            let after = try await Self.send(app, .GET, "api/v1/auth/me", token: second.access)
            #expect(after.status == .unauthorized, "a revoked session loses access at once")
            #expect(after.headers.first(name: "WWW-Authenticate") == "Bearer")
            let reused = try await Self.send(app, .POST, "api/v1/auth/refresh", json: ["refresh_token": first.refresh])
            #expect(reused.status == .unauthorized, "a refresh token works once")
        }
    }

    @Test func aWrongPasswordAndAnUnknownUserLookAlike() async throws {
        try await Self.withApp(.sqlite) { app, _ in
            let wrong = try await Self.login(app, "ada", "Wrong-password-1")
            let unknown = try await Self.login(app, "nobody", "Wrong-password-1")

            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            let error = { (response: TestingHTTPResponse) throws -> [String: String] in
                var error =
                    try JSONDecoder().decode([String: [String: String]].self, from: Data(buffer: response.body))[
                        "error"] ?? [:]
                error["request_id"] = nil
                return error
            }
            #expect(try error(wrong) == error(unknown))
            #expect(try error(wrong) == ["code": "invalid_credentials", "message": "Incorrect username or password"])
        }
    }

    @Test func aDisabledUserLosesAccessAtOnce() async throws {
        try await Self.withApp(.postgres) { app, _ in
            let token = try Self.tokens(try await Self.login(app)).access
            try await UserAccounts(database: app.db, hasher: .bcrypt, audit: AuditTrail(.system)).setActive(
                "ada", false)

            #expect(try await Self.send(app, .GET, "api/v1/auth/me", token: token).status == .unauthorized)
            #expect(try await Self.login(app).status == .unauthorized)
        }
    }

    @Test func repeatedFailuresLockTheAccountWithRetryAfter() async throws {
        try await Self.withApp(.sqlite) { app, _ in
            for _ in 0..<5 { _ = try await Self.login(app, "ada", "Wrong-password-1") }

            let locked = try await Self.login(app)

            #expect(locked.status == .tooManyRequests)
            let retry = Int(locked.headers.first(name: "Retry-After") ?? "") ?? 0
            #expect((1...30).contains(retry))
        }
    }

    @Test(arguments: ["", "not-a-token", "a.b.c"])
    func badTokensAre401(token: String) async throws {
        try await Self.withApp(.sqlite) { app, _ in
            let response = try await Self.send(app, .GET, "api/v1/auth/me", token: token.isEmpty ? nil : token)
            #expect(response.status == .unauthorized)
        }
    }
}
