import DRMCore
import DRMEngine
import DRMSchema
import DRMTestSupport
import Fluent
import Foundation
import NIOFoundationEssentialsCompat
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// `/api/v1/schedules`: preview, create, bad input named, roles (managers edit, users trigger), pause, resume,
/// trigger, occurrences, delete; every change audited.
@Suite struct SchedulesAPITests {
    /// A manager's and an operator's access tokens, and the id of a job "nightly" on one target, to schedule.
    static func managerOperatorAndJob(_ app: Application) async throws -> (manager: String, user: String, jobID: Int) {
        let manager = try AuthTests.tokens(try await AuthTests.login(app)).access
        try await UserAccounts(database: app.db, hasher: .bcrypt, audit: AuditTrail(.system))
            .create(username: "operator", email: "op@example.com", password: AuthTests.password, role: .user)
        let user = try AuthTests.tokens(try await AuthTests.login(app, "operator")).access
        let target = try JobsAPITests.json(
            try await AuthTests.send(
                app, .POST, "api/v1/targets", token: manager,
                raw: """
                    {"name": "t1", "communication_methods": [{"method_type": "ssh",
                     "config": {"host": "127.0.0.1", "port": 9}}]}
                    """))
        let job = try JobsAPITests.json(
            try await AuthTests.send(
                app, .POST, "api/v1/jobs", token: manager,
                raw: """
                    {"name": "nightly", "target_ids": [\(target["id"] as? Int ?? 0)],
                     "actions": [{"action_type": "command", "action_parameters": {"command": "true"}}]}
                    """))
        let jobID = try #require(job["id"] as? Int)
        return (manager, user, jobID)
    }

    @Test(arguments: SchemaDialect.allCases)
    func schedulesThroughTheAPI(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, database in
            let (manager, user, jobID) = try await SchedulesAPITests.managerOperatorAndJob(app)
            let body = """
                {"job_id": \(jobID), "name": "night", "kind": "cron", "cron_expression": "30 2 13 * FRI",
                 "timezone": "Europe/Berlin"}
                """

            let preview = try JobsAPITests.json(
                try await AuthTests.send(app, .POST, "api/v1/schedules/preview", token: user, raw: body))
            let bad: [(String, HTTPStatus, String)] = [
                (#""cron_expression": "61 * * * *""#, .unprocessableEntity, "cron_expression"),
                (#""cron_expression": "0 0 30 2 *""#, .unprocessableEntity, "cron_expression"),
                (#""timezone": "Mars/Base""#, .unprocessableEntity, "timezone"),
            ]
            for (replacement, status, field) in bad {
                let text = body.replacingOccurrences(of: #""cron_expression": "30 2 13 * FRI""#, with: replacement)
                    .replacingOccurrences(of: #""timezone": "Europe/Berlin""#, with: replacement)
                let refused = try await AuthTests.send(app, .POST, "api/v1/schedules", token: manager, raw: text)
                #expect(refused.status == status, "\(replacement): \(refused.body.string)")
                #expect(refused.body.string.contains("\"field\":\"\(field)\""), "\(refused.body.string)")
            }
            let forbidden = try await AuthTests.send(app, .POST, "api/v1/schedules", token: user, raw: body)
            let created = try await AuthTests.send(app, .POST, "api/v1/schedules", token: manager, raw: body)
            let schedule = try JobsAPITests.json(created)
            let id = try #require(schedule["id"] as? Int)
            let paused = try await AuthTests.send(
                app, .POST, "api/v1/schedules/\(id)/pause", token: manager, raw: #"{"reason": "freeze"}"#)
            let userPause = try await AuthTests.send(app, .POST, "api/v1/schedules/\(id)/pause", token: user)
            let resumed = try await AuthTests.send(app, .POST, "api/v1/schedules/\(id)/resume", token: manager)
            let triggered = try await AuthTests.send(app, .POST, "api/v1/schedules/\(id)/trigger", token: user)
            let occurrences = try JobsAPITests.json(
                try await AuthTests.send(
                    app, .GET, "api/v1/schedules/\(id)/occurrences?status=running", token: user))
            let badStatus = try await AuthTests.send(
                app, .GET, "api/v1/schedules/\(id)/occurrences?status=late", token: user)
            let list = try JobsAPITests.json(
                try await AuthTests.send(app, .GET, "api/v1/schedules?job_id=\(jobID)", token: user))
            let deleted = try await AuthTests.send(app, .DELETE, "api/v1/schedules/\(id)", token: manager)
            let gone = try await AuthTests.send(app, .GET, "api/v1/schedules/\(id)", token: manager)
            let actions = try await database.sql.raw(
                "SELECT action FROM audit_events WHERE resource_type = 'schedule' ORDER BY id"
            ).all().map { try $0.decode(column: "action", as: String.self) }

            let fires = try #require(preview["fire_times"] as? [[String: Any]])
            #expect(fires.count == 10)
            #expect(
                (fires.first?["local"] as? String)?.hasSuffix("+01:00") == true
                    || (fires.first?["local"] as? String)?.hasSuffix("+02:00") == true)
            #expect((preview["warnings"] as? [String])?.first?.contains("EITHER") == true)
            #expect(forbidden.status == .forbidden)
            #expect(created.status == .created, "\(created.body.string)")
            #expect(schedule["overlap_policy"] as? String == "skip")
            #expect(schedule["missed_run_policy"] as? String == "run_once")
            #expect(schedule["next_run_at"] is String)
            #expect(paused.status == .ok)
            #expect(paused.body.string.contains("\"paused_reason\":\"freeze\""))
            #expect(userPause.status == .forbidden)
            #expect(resumed.status == .ok)
            #expect(triggered.status == .accepted, "\(triggered.body.string)")
            #expect(triggered.body.string.contains("\"status\":\"running\""))
            #expect(occurrences["total"] as? Int == 1)
            #expect(badStatus.status == .badRequest)
            #expect(list["total"] as? Int == 1)
            #expect(deleted.status == .noContent)
            #expect(gone.status == .notFound)
            #expect(
                actions == [
                    "schedule.create", "schedule.pause", "schedule.resume", "schedule.trigger", "schedule.delete",
                ])
        }
    }
}
