import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import Fluent
import FluentKit
import Foundation
import NIOFoundationEssentialsCompat
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// The audit log: what gets recorded, the search API, the export, and that no secret reaches it.
@Suite struct AuditAPITests {
    struct EventsPage: Decodable {
        var items: [AuditEventResponseJSON]
        var total: Int
    }

    struct AuditEventResponseJSON: Decodable {
        var action: String
        var outcome: String
        var actor_name: String
        var resource_type: String?
        var resource_id: String?
        var ip_address: String?
        var request_id: String?
        var details: JSONValue
    }

    static func events(_ app: Application, _ token: String, _ query: String) async throws -> EventsPage {
        let response = try await AuthTests.send(app, .GET, "api/v1/audit?" + query, token: token)
        #expect(response.status == .ok, "\(response.body.string)")
        return try JSONDecoder().decode(EventsPage.self, from: Data(buffer: response.body))
    }

    @Test("log-ins, failures, denials and changes are recorded and searchable", arguments: SchemaDialect.allCases)
    func recordsAndSearches(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, database in
            let start = Date()
            let admin = try await UsersAPITests.adminToken(app)
            let failed = try await AuthTests.login(app, "ada", "Wrong-password-1")
            let unknown = try await AuthTests.login(app, "nobody", "Wrong-password-1")
            let manager = try AuthTests.tokens(try await AuthTests.login(app)).access
            let denied = try await AuthTests.send(
                app, .PUT, "api/v1/settings", token: manager, raw: #"{"max_concurrent_jobs": 5}"#)
            let created = try await AuthTests.send(
                app, .POST, "api/v1/users", token: admin,
                json: [
                    "username": "grace", "email": "grace@example.com", "password": "Secret-grace-77", "role": "user",
                ])
            let changed = try await AuthTests.send(
                app, .PUT, "api/v1/settings", token: admin, raw: #"{"max_concurrent_jobs": 7}"#)
            let logout = try await AuthTests.send(app, .POST, "api/v1/auth/logout", token: manager)
            #expect(failed.status == .unauthorized && unknown.status == .unauthorized)
            #expect(denied.status == .forbidden && created.status == .created && changed.status == .ok)
            #expect(logout.status == .noContent)

            let failures = try await Self.events(app, admin, "action=auth.login_failed&sort=occurred_at")
            #expect(failures.total == 2)
            #expect(failures.items.map(\.actor_name) == ["ada", "nobody"])
            #expect(failures.items.map(\.details) == [["reason": "wrong_password"], ["reason": "unknown_user"]])
            #expect(failures.items.allSatisfy { $0.outcome == "failure" })

            let denial = try #require(try await Self.events(app, admin, "action=permission.denied").items.first)
            #expect(denial.actor_name == "ada" && denial.outcome == "denied")
            #expect(denial.details["permission"] == "settings:update")
            #expect(denial.request_id == denied.headers.first(name: "X-Request-ID"))

            let creation = try #require(try await Self.events(app, admin, "action=user.create&actor=root").items.first)
            #expect(creation.resource_type == "user")
            #expect(creation.details == ["username": "grace", "email": "grace@example.com", "role": "user"])
            let settings = try #require(try await Self.events(app, admin, "action=settings.update").items.first)
            #expect(settings.details == ["changes": ["max_concurrent_jobs": ["from": 50, "to": 7]]])

            let auth = try await Self.events(app, admin, "action=auth.&outcome=success&per_page=1")
            #expect(auth.total == 3, "two log-ins of root and ada, one log-out")
            #expect(auth.items.count == 1)
            #expect(auth.items.first?.action == "auth.logout", "newest first")
            let none = try await Self.events(
                app, admin, "since=\(ISO8601DateFormatter().string(from: start.addingTimeInterval(3600)))")
            #expect(none.total == 0)
            let bad = try await AuthTests.send(app, .GET, "api/v1/audit?since=yesterday", token: admin)
            #expect(bad.status == .badRequest && bad.body.string.contains(#""field":"since""#))
            let forbidden = try await AuthTests.send(app, .GET, "api/v1/audit", token: manager)
            #expect(forbidden.status == .unauthorized, "the manager logged out")

            // Every row's checksum is the hash of its content; an edited row no longer matches.
            let rows = try await AuditEvent.query(on: app.db).all()
            #expect(try rows.allSatisfy { try AuditTrail.checksum(of: $0) == $0.checksum })
            let row = try #require(rows.first)
            row.actorName = "someone-else"
            #expect(try AuditTrail.checksum(of: row) != row.checksum)

            // No password, hash or token anywhere in the audit table.
            let dump = try await database.sql.raw("SELECT * FROM audit_events").all()
                .map { row in try row.allColumns.map { try row.decodeNil(column: $0) ? "" : "\(Self.text(row, $0))" } }
                .flatMap { $0 }.joined(separator: "\n")
            for secret in [AuthTests.password, "Secret-grace-77", "Wrong-password-1", admin, manager, "$2b$"] {
                #expect(!dump.contains(secret), "audit rows contain a secret")
            }
        }
    }

    static func text(_ row: any SQLRow, _ column: String) -> String {
        (try? row.decode(column: column, as: String.self)) ?? (try? row.decode(column: column, as: Int.self)).map {
            String($0)
        } ?? ""
    }

    @Test("the export is CSV with a header row, or JSON, and is itself audited", arguments: SchemaDialect.allCases)
    func export(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            _ = try await AuthTests.login(app, "ada", "Wrong, \"quoted\" password-1")
            _ = try await AuthTests.login(app, "=cmd|' /C calc'!A0", "x")

            let csv = try await AuthTests.send(app, .GET, "api/v1/audit/export?action=auth.login_failed", token: admin)
            let json = try await AuthTests.send(
                app, .GET, "api/v1/audit/export?format=json&action=auth.login_failed", token: admin)
            let exports = try await Self.events(app, admin, "action=audit.export")
            let badFormat = try await AuthTests.send(app, .GET, "api/v1/audit/export?format=xml", token: admin)

            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let lines = csv.body.string.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == AuditEventResponse.csvHeader.joined(separator: ","))
            #expect(lines.count == 3)
            #expect(lines.contains { $0.contains(",'=cmd|' /C calc'!A0,") }, "a formula is defused: \(lines)")
            #expect(!csv.body.string.contains("quoted"), "the attempted password is not recorded")
            let decoded = try JSONDecoder().decode([AuditEventResponseJSON].self, from: Data(buffer: json.body))
            #expect(decoded.count == 2)
            #expect(exports.total == 2)
            #expect(badFormat.status == .badRequest)
        }
    }
}
