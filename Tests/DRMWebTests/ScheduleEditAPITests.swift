import DRMCore
import DRMEngine
import DRMSchema
import DRMTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// `PUT /api/v1/schedules/{id}`: a full replacement, checked like a new schedule (each bad field named, never a
/// 500), its next fire time recomputed in its zone, managers only, audited with the changed fields.
@Suite struct ScheduleEditAPITests {
    @Test(arguments: SchemaDialect.allCases)
    func editingReplacesTheDefinitionAndRecomputesTheNextRun(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, database in
            let (manager, user, jobID) = try await SchedulesAPITests.managerOperatorAndJob(app)
            let created = try JobsAPITests.json(
                try await AuthTests.send(
                    app, .POST, "api/v1/schedules", token: manager,
                    raw: """
                        {"job_id": \(jobID), "name": "night", "kind": "cron", "cron_expression": "30 2 * * *",
                         "timezone": "UTC"}
                        """))
            let id = try #require(created["id"] as? Int)
            let edited = """
                {"job_id": \(jobID), "name": "morning", "kind": "cron", "cron_expression": "0 7 * * MON-FRI",
                 "timezone": "Asia/Kolkata", "overlap_policy": "buffer_one"}
                """

            let forbidden = try await AuthTests.send(app, .PUT, "api/v1/schedules/\(id)", token: user, raw: edited)
            let bad: [(String, String)] = [
                (#""cron_expression": "0 7 * * MON-FRI""#, #""cron_expression": "0 25 * * *""#),
                (#""timezone": "Asia/Kolkata""#, #""timezone": "Asia/Atlantis""#),
                (#""overlap_policy": "buffer_one""#, #""overlap_policy": "queue""#),
                (#""kind": "cron""#, #""kind": "sometimes""#),
                (#""job_id": \#(jobID)"#, #""job_id": 999999"#),
            ]
            var refusals: [(status: HTTPStatus, body: String, field: String)] = []
            for (original, replacement) in bad {
                let response = try await AuthTests.send(
                    app, .PUT, "api/v1/schedules/\(id)", token: manager,
                    raw: edited.replacingOccurrences(of: original, with: replacement))
                let field = String(replacement.split(separator: "\"")[0])
                refusals.append((response.status, response.body.string, field))
            }
            let missing = try await AuthTests.send(app, .PUT, "api/v1/schedules/999999", token: manager, raw: edited)
            let response = try await AuthTests.send(app, .PUT, "api/v1/schedules/\(id)", token: manager, raw: edited)
            let schedule = try JobsAPITests.json(response)
            let actions = try await database.sql.raw(
                "SELECT action, CAST(details AS TEXT) AS details FROM audit_events WHERE resource_type = 'schedule' ORDER BY id"
            ).all()

            #expect(forbidden.status == .forbidden)
            for refusal in refusals {
                #expect((400..<500).contains(refusal.status.code), "\(refusal.field): \(refusal.body)")
                #expect(refusal.body.contains("\"field\":\"\(refusal.field)\""), "\(refusal.body)")
            }
            #expect(missing.status == .notFound)
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(schedule["name"] as? String == "morning")
            #expect(schedule["cron_expression"] as? String == "0 7 * * MON-FRI")
            #expect(schedule["overlap_policy"] as? String == "buffer_one")
            // 07:00 in Kolkata is 01:30 UTC, on a weekday.
            let next = try #require(schedule["next_run_at"] as? String)
            #expect(next.contains("T01:30:00"), "\(next)")
            #expect(next != created["next_run_at"] as? String)
            let last = try #require(actions.last)
            #expect(try last.decode(column: "action", as: String.self) == "schedule.update")
            let details = try last.decode(column: "details", as: String.self)
            for field in ["name", "cron_expression", "timezone", "overlap_policy"] {
                #expect(details.contains("\"\(field)\""), "\(details)")
            }
            #expect(!details.contains("missed_run_policy"), "\(details)")
        }
    }
}
