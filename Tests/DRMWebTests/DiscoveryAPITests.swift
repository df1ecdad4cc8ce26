import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// `/api/v1/discovery`: runs on the queue against a web page on loopback, review, import as a target, templates;
/// bad ranges and ports a 422 naming the field with nothing stored; roles (users run and review, managers import).
@Suite struct DiscoveryAPITests {
    /// Runs the queued discovery tasks in the test process, as a worker would.
    static func work(_ app: Application) async throws {
        let queue = app.jobEngine.queue
        for task in try await queue.claim(worker: "test", limit: 10) where task.name == DiscoveryRuns.taskName {
            await queue.hold(task, worker: "test") { try await DiscoveryRunner(database: app.db).execute(task) }
        }
    }

    @Test(arguments: SchemaDialect.allCases)
    func discoveryThroughTheAPI(dialect: SchemaDialect) async throws {
        let address = "127.96.\(Int.random(in: 1...250)).1"
        let page = try await ScriptedResponder.httpPage(
            host: address, port: 0, server: "nginx/1.22.1", body: "<html><title>Welcome</title></html>")
        defer { page.stop() }
        try await AuthTests.withApp(dialect, flags: [.discoveryAllowedRanges: "127.96.0.0/16"]) { app, _ in
            let manager = try AuthTests.tokens(try await AuthTests.login(app)).access
            try await UserAccounts(database: app.db, hasher: .bcrypt, audit: AuditTrail(.system))
                .create(username: "operator", email: "op@example.com", password: AuthTests.password, role: .user)
            let user = try AuthTests.tokens(try await AuthTests.login(app, "operator")).access

            // Bad input: a 422 naming the field, nothing stored.
            let bad: [(String, String)] = [
                (#"{"range": "127.96.0.300"}"#, "range"),
                (#"{"range": "fd00::/64", "ports": "22"}"#, "range"),
                (#"{"range": "127.97.0.1"}"#, "range"),
                (#"{"range": "127.96.0.1", "ports": "0"}"#, "ports"),
                (#"{"range": "127.96.0.1", "ports": "22", "rate": 0}"#, "rate"),
                (#"{"ports": "22"}"#, "range"),
                (#"{"template_id": 999}"#, "template_id"),
            ]
            for (body, field) in bad {
                let refused = try await AuthTests.send(app, .POST, "api/v1/discovery/runs", token: user, raw: body)
                #expect(refused.status == .unprocessableEntity, "\(body): \(refused.body.string)")
                #expect(refused.body.string.contains("\"field\":\"\(field)\""), "\(body): \(refused.body.string)")
            }
            let outside = try await AuthTests.send(
                app, .POST, "api/v1/discovery/runs", token: user, raw: #"{"range": "127.97.0.1"}"#)
            #expect(outside.body.string.contains("outside"))
            #expect(try await DiscoveryJob.query(on: app.db).count() == 0)

            // A user starts a run; a worker runs it.
            let started = try await AuthTests.send(
                app, .POST, "api/v1/discovery/runs", token: user,
                raw: #"{"range": "\#(address)", "ports": "\#(page.port)", "resolve_names": false, "name": "web"}"#)
            #expect(started.status == .accepted, "\(started.body.string)")
            let runID = try #require(try JobsAPITests.json(started)["id"] as? Int)
            try await Self.work(app)
            let run = try JobsAPITests.json(
                try await AuthTests.send(app, .GET, "api/v1/discovery/runs/\(runID)", token: user))
            #expect(run["status"] as? String == "completed")
            #expect(run["hosts_found"] as? Int == 1)
            let listed = try JobsAPITests.json(
                try await AuthTests.send(app, .GET, "api/v1/discovery/runs", token: user))
            #expect(listed["total"] as? Int == 1)

            // Its device: http, a web server, new.
            let devices = try JobsAPITests.json(
                try await AuthTests.send(app, .GET, "api/v1/discovery/runs/\(runID)/devices?inventory=new", token: user)
            )
            let device = try #require((devices["items"] as? [[String: Any]])?.first)
            #expect(device["ip"] as? String == address)
            #expect(device["services"] as? [String: String] == ["\(page.port)": "http"])
            #expect(device["device_class"] as? String == "web server")
            #expect(device["suggested_methods"] as? [String] == ["rest_api"])
            let deviceID = try #require(device["id"] as? Int)
            let badFilter = try await AuthTests.send(
                app, .GET, "api/v1/discovery/runs/\(runID)/devices?inventory=lost", token: user)
            #expect(badFilter.status == .badRequest)

            // Users review but don't import; managers import.
            let accepted = try await AuthTests.send(
                app, .POST, "api/v1/discovery/runs/\(runID)/review", token: user,
                raw: #"{"device_ids": [\#(deviceID)], "state": "accepted"}"#)
            #expect(accepted.status == .ok, "\(accepted.body.string)")
            let importBody = #"{"devices": [{"device_id": \#(deviceID), "name": "web-found", "tags": ["found"]}]}"#
            let forbidden = try await AuthTests.send(
                app, .POST, "api/v1/discovery/runs/\(runID)/import", token: user, raw: importBody)
            #expect(forbidden.status == .forbidden)
            let empty = try await AuthTests.send(
                app, .POST, "api/v1/discovery/runs/\(runID)/import", token: manager, raw: #"{"devices": []}"#)
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("\"field\":\"devices\""))
            let imported = try await AuthTests.send(
                app, .POST, "api/v1/discovery/runs/\(runID)/import", token: manager, raw: importBody)
            #expect(imported.status == .created, "\(imported.body.string)")
            let target = try #require((try JobsAPITests.json(imported)["targets"] as? [[String: Any]])?.first)
            #expect(target["name"] as? String == "web-found")
            let method = try #require((target["communication_methods"] as? [[String: Any]])?.first)
            #expect(method["method_type"] as? String == "rest_api")
            let again = try await AuthTests.send(
                app, .POST, "api/v1/discovery/runs/\(runID)/import", token: manager, raw: importBody)
            #expect(again.status == .conflict)
            let targets = try await AuthTests.send(app, .GET, "api/v1/targets", token: user)
            #expect(targets.body.string.contains("web-found"))

            // Templates: managers keep them; a run starts from one.
            let template = try await AuthTests.send(
                app, .POST, "api/v1/discovery/templates", token: manager,
                raw: #"{"name": "web", "range": "\#(address)", "ports": "\#(page.port)", "resolve_names": false}"#)
            #expect(template.status == .created, "\(template.body.string)")
            let templateID = try #require(try JobsAPITests.json(template)["id"] as? Int)
            let userTemplate = try await AuthTests.send(
                app, .POST, "api/v1/discovery/templates", token: user, raw: #"{"name": "x", "range": "127.96.0.1"}"#)
            #expect(userTemplate.status == .forbidden)
            let fromTemplate = try await AuthTests.send(
                app, .POST, "api/v1/discovery/runs", token: user, raw: #"{"template_id": \#(templateID)}"#)
            #expect(fromTemplate.status == .accepted, "\(fromTemplate.body.string)")
            let second = try #require(try JobsAPITests.json(fromTemplate)["id"] as? Int)
            let cancelled = try await AuthTests.send(
                app, .POST, "api/v1/discovery/runs/\(second)/cancel", token: user)
            #expect(try JobsAPITests.json(cancelled)["status"] as? String == "cancelled")
            let cancelEnded = try await AuthTests.send(
                app, .POST, "api/v1/discovery/runs/\(runID)/cancel", token: user)
            #expect(cancelEnded.status == .conflict)
            let deleted = try await AuthTests.send(
                app, .DELETE, "api/v1/discovery/templates/\(templateID)", token: manager)
            #expect(deleted.status == .noContent)

            let actions = try await AuditEvent.query(on: app.db).all().map(\.action)
            for action in [
                "discovery.run", "discovery.review", "discovery.import", "discovery.cancel",
                "discovery_template.create", "discovery_template.delete",
            ] {
                #expect(actions.contains(action), "\(action)")
            }
        }
    }
}
