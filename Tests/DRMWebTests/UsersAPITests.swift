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

/// `/api/v1/users` and `/api/v1/sessions` through HTTP.
@Suite struct UsersAPITests {
    static func adminToken(_ app: Application) async throws -> String {
        try await UserAccounts(database: app.db, hasher: .bcrypt, audit: AuditTrail(.system))
            .create(username: "root", email: "root@example.com", password: AuthTests.password, role: .administrator)
        return try AuthTests.tokens(try await AuthTests.login(app, "root", AuthTests.password)).access
    }

    @Test("create, list with filters and pages, change, disable", arguments: SchemaDialect.allCases)
    func users(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, _ in
            let token = try await Self.adminToken(app)
            let created = try await AuthTests.send(
                app, .POST, "api/v1/users", token: token,
                json: [
                    "username": "grace", "email": "grace@example.com", "password": "Another-pass-77", "role": "guest",
                ])
            #expect(created.status == .created)
            #expect(!created.body.string.contains("password"))
            let taken = try await AuthTests.send(
                app, .POST, "api/v1/users", token: token,
                json: [
                    "username": "grace", "email": "g2@example.com", "password": "Another-pass-77", "role": "guest",
                ])
            #expect(taken.status == .conflict)
            #expect(taken.body.string.contains(#""field":"username""#))
            let weak = try await AuthTests.send(
                app, .POST, "api/v1/users", token: token,
                json: [
                    "username": "hopper", "email": "h@example.com", "password": "short", "role": "user",
                ])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.string.contains(#""field":"password""#))
            let badRole = try await AuthTests.send(
                app, .POST, "api/v1/users", token: token,
                json: [
                    "username": "hopper", "email": "h@example.com", "password": "Another-pass-77", "role": "emperor",
                ])
            #expect(badRole.status == .unprocessableEntity)
            #expect(badRole.body.string.contains(#""field":"role""#))

            let guests = try await AuthTests.send(app, .GET, "api/v1/users?role=guest", token: token)
            #expect(guests.body.string.contains(#""total":1"#))
            let paged = try await AuthTests.send(
                app, .GET, "api/v1/users?per_page=1&page=2&sort=-username", token: token)
            #expect(paged.body.string.contains(#""total":3"#) && paged.body.string.contains(#""username":"grace""#))
            let tooMany = try await AuthTests.send(app, .GET, "api/v1/users?per_page=500", token: token)
            #expect(tooMany.status == .badRequest)
            #expect(tooMany.body.string.contains(#""field":"per_page""#))
            let badID = try await AuthTests.send(app, .GET, "api/v1/users/abc", token: token)
            #expect(badID.status == .notFound)

            let graceToken = try AuthTests.tokens(try await AuthTests.login(app, "grace", "Another-pass-77")).access
            let id = try #require(created.body.string.firstMatch(of: /"id":(\d+)/)?.1)
            let disabled = try await AuthTests.send(
                app, .PATCH, "api/v1/users/\(id)", token: token, json: ["role": "user", "is_active": "false"])
            #expect(disabled.status == .unprocessableEntity, "is_active must be a boolean, not a string")
            let changed = try await AuthTests.send(
                app, .PATCH, "api/v1/users/\(id)", token: token, raw: #"{"role": "user", "is_active": false}"#)
            #expect(changed.status == .ok)
            #expect(changed.body.string.contains(#""is_active":false"#))
            #expect(try await AuthTests.send(app, .GET, "api/v1/auth/me", token: graceToken).status == .unauthorized)
        }
    }

    @Test func anAdministratorCannotLockThemselvesOut() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let token = try await Self.adminToken(app)
            let me = try await AuthTests.send(app, .GET, "api/v1/auth/me", token: token)
            let id = try #require(me.body.string.firstMatch(of: /"id":(\d+)/)?.1)
            for body in [#"{"is_active": false}"#, #"{"role": "guest"}"#] {
                let response = try await AuthTests.send(app, .PATCH, "api/v1/users/\(id)", token: token, raw: body)
                #expect(response.status == .conflict, "\(body)")
            }
            #expect(try await AuthTests.send(app, .GET, "api/v1/auth/me", token: token).status == .ok)
        }
    }

    @Test func sessionsAreListedAndEndedByTheirOwner() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let first = try AuthTests.tokens(try await AuthTests.login(app)).access
            let second = try AuthTests.tokens(try await AuthTests.login(app)).access
            let adminToken = try await Self.adminToken(app)

            let mine = try await AuthTests.send(app, .GET, "api/v1/sessions", token: first)
            #expect(mine.body.string.matches(of: /"user_id"/).count == 2, "ada sees her two sessions, not root's")
            #expect(mine.body.string.contains(#""current":true"#))
            #expect(!mine.body.string.contains("session_token"))
            let ids = mine.body.string.matches(of: /"id":(\d+)/).map { String($0.1) }
            let other = try #require(
                ids.first { id in !mine.body.string.contains(#""id":\#(id),"current":true"#) } ?? ids.last)
            let adminSessions = try await AuthTests.send(app, .GET, "api/v1/sessions", token: adminToken)
            #expect(adminSessions.body.string.matches(of: /"user_id"/).count == 3)

            let ended = try await AuthTests.send(app, .DELETE, "api/v1/sessions/\(other)", token: first)
            #expect(ended.status == .noContent)
            let statuses = [
                try await AuthTests.send(app, .GET, "api/v1/auth/me", token: first).status,
                try await AuthTests.send(app, .GET, "api/v1/auth/me", token: second).status,
            ]
            #expect(statuses.sorted { $0.code < $1.code } == [.ok, .unauthorized])
        }
    }
}
