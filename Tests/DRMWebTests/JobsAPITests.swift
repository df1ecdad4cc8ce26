import DRMCore
import DRMEngine
import DRMSchema
import DRMTestSupport
import Foundation
import NIOFoundationEssentialsCompat
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// `/api/v1/jobs` and `/api/v1/executions` against a real sshd: definitions, runs, results, live events, cancel.
@Suite struct JobsAPITests {
    static func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    /// Runs the queued execution of `launch` in the test process, as a worker would.
    static func work(_ app: Application, _ launch: [String: Any]) async throws {
        let engine = app.jobEngine
        let tasks = try await engine.queue.claim(worker: "test", limit: 10)
        for task in tasks where task.args["execution_id"] == .number(Double(launch["execution_id"] as? Int ?? 0)) {
            await engine.queue.hold(task, worker: "test") { try await engine.execute(task) }
        }
    }

    @Test(
        "define, run, follow and export a job; bad input is a 4xx naming the field", arguments: SchemaDialect.allCases)
    func jobsAndExecutions(dialect: SchemaDialect) async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.7.1", "127.0.7.2"])
        defer { ssh.stop() }
        try await AuthTests.withApp(dialect) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            var targetIDs: [Int] = []
            for (index, address) in ssh.addresses.enumerated() {
                let created = try await AuthTests.send(
                    app, .POST, "api/v1/targets", token: admin,
                    raw: """
                        {"name": "web-\(index + 1)", "tags": ["web"], "communication_methods": [{"method_type": "ssh",
                         "config": {"host": "\(address)", "port": \(ssh.port)},
                         "credential": {"type": "password", "username": "\(ssh.username)", "password": "\(ssh.password)"}}]}
                        """)
                let target = try Self.json(created)
                let id = try #require(target["id"] as? Int)
                let method = try #require((target["communication_methods"] as? [[String: Any]])?.first?["id"] as? Int)
                let pinned = try await AuthTests.send(
                    app, .PUT, "api/v1/targets/\(id)/methods/\(method)/host-key", token: admin,
                    raw: #"{"host_key": "\#(ssh.hostPublicKey)"}"#)
                #expect(pinned.status == .ok, "\(pinned.body.string)")
                targetIDs.append(id)
            }
            let definition = """
                {"name": "release", "target_ids": \(targetIDs), "options": [{"name": "version", "required": true}],
                 "actions": [{"action_type": "command", "action_name": "announce",
                              "action_parameters": {"command": "echo release {{version}} on {{target.name}}"}}]}
                """
            let bad: [(String, HTTPStatus, String)] = [
                (#"{"name": "x", "actions": []}"#, .unprocessableEntity, "actions"),
                (
                    #"{"name": "x", "actions": [{"action_type": "command", "action_parameters": {"command": "ls", "colour": 1}}]}"#,
                    .unprocessableEntity, "actions.0.parameters.colour"
                ),
                (
                    #"{"name": "x", "target_ids": [999999], "actions": [{"action_type": "command", "action_parameters": {"command": "ls"}}]}"#,
                    .unprocessableEntity, "target_ids.0"
                ),
                (
                    #"{"name": "x", "actions": [{"action_type": "teleport", "action_parameters": {}}]}"#,
                    .unprocessableEntity, "actions.0.action_type"
                ),
                (
                    #"{"name": "x", "actions": [{"action_type": "command", "action_parameters": {"command": "echo {{nope}}"}}]}"#,
                    .unprocessableEntity, "actions.0.parameters.command"
                ),
            ]
            for (body, status, field) in bad {
                let response = try await AuthTests.send(app, .POST, "api/v1/jobs", token: admin, raw: body)
                #expect(response.status == status, "\(body): \(response.body.string)")
                #expect(response.body.string.contains(#""field":"\#(field)""#), "\(body): \(response.body.string)")
            }

            let created = try await AuthTests.send(app, .POST, "api/v1/jobs", token: admin, raw: definition)
            let duplicate = try await AuthTests.send(app, .POST, "api/v1/jobs", token: admin, raw: definition)
            let job = try Self.json(created)
            let jobID = try #require(job["id"] as? Int)
            let noVersion = try await AuthTests.send(app, .POST, "api/v1/jobs/\(jobID)/run", token: admin, raw: "{}")
            let started = try await AuthTests.send(
                app, .POST, "api/v1/jobs/\(jobID)/run", token: admin, raw: #"{"parameters": {"version": "7"}}"#)
            let launch = try Self.json(started)
            let executionID = try #require(launch["execution_id"] as? Int)
            let queuedList = try await AuthTests.send(app, .GET, "api/v1/executions?status=queued", token: admin)
            try await Self.work(app, launch)
            let detail = try Self.json(
                try await AuthTests.send(app, .GET, "api/v1/executions/\(executionID)", token: admin))
            let results = try await AuthTests.send(app, .GET, "api/v1/executions/\(executionID)/results", token: admin)
            let logs = try await AuthTests.send(
                app, .GET, "api/v1/executions/\(executionID)/logs?after_id=0", token: admin)
            let events = try await AuthTests.send(app, .GET, "api/v1/executions/\(executionID)/events", token: admin)
            let csv = try await AuthTests.send(
                app, .GET, "api/v1/executions/\(executionID)/export?format=csv", token: admin)
            let cancelEnded = try await AuthTests.send(
                app, .POST, "api/v1/executions/\(executionID)/cancel", token: admin)
            let rerunNothing = try await AuthTests.send(
                app, .POST, "api/v1/executions/\(executionID)/rerun-failed", token: admin)

            #expect(created.status == .created, "\(created.body.string)")
            #expect((job["serial"] as? String)?.hasPrefix("J") == true)
            #expect(duplicate.status == .conflict && duplicate.body.string.contains(#""field":"name""#))
            #expect(
                noVersion.status == .unprocessableEntity
                    && noVersion.body.string.contains(#""field":"parameters.version""#))
            #expect(started.status == .accepted && launch["status"] as? String == "queued")
            #expect(queuedList.body.string.contains(#""total":1"#), "\(queuedList.body.string)")
            #expect(detail["parameters"] as? [String: String] == ["version": "7"])
            #expect((detail["summary"] as? [String: Any])?["status"] as? String == "completed")
            #expect((detail["branches"] as? [[String: Any]])?.count == 2)
            #expect(results.body.string.contains(#""output":"release 7 on web-1\n""#), "\(results.body.string)")
            #expect(logs.body.string.contains(#""phase":"authentication""#))
            #expect(events.headers.contentType?.subType == "event-stream")
            #expect(events.body.string.contains("event: log\ndata: {"))
            #expect(events.body.string.hasSuffix("\n\n") && events.body.string.contains("event: end\ndata: {"))
            #expect(csv.body.string.hasPrefix("target,branch,status"))
            #expect(cancelEnded.status == .conflict)
            #expect(rerunNothing.status == .conflict)

            let again = try Self.json(
                try await AuthTests.send(
                    app, .POST, "api/v1/jobs/\(jobID)/run", token: admin, raw: #"{"parameters": {"version": "8"}}"#))
            let againID = try #require(again["execution_id"] as? Int)
            let cancelled = try await AuthTests.send(app, .POST, "api/v1/executions/\(againID)/cancel", token: admin)
            #expect(cancelled.status == .accepted && cancelled.body.string.contains(#""status":"cancelled""#))
            let adhoc = try await AuthTests.send(
                app, .POST, "api/v1/executions/adhoc", token: admin, raw: #"{"command": "uptime", "filter": "tag=web"}"#
            )
            #expect(adhoc.status == .accepted, "\(adhoc.body.string)")
            let noTargets = try await AuthTests.send(
                app, .POST, "api/v1/executions/adhoc", token: admin, raw: #"{"command": "uptime"}"#)
            #expect(
                noTargets.status == .unprocessableEntity && noTargets.body.string.contains(#""field":"target_ids""#))
            let queue = try await AuthTests.send(app, .GET, "api/v1/queue", token: admin)
            #expect(queue.body.string.contains(#""depth":1"#), "the ad-hoc run waits: \(queue.body.string)")
            let deleted = try await AuthTests.send(app, .DELETE, "api/v1/jobs/\(jobID)", token: admin)
            let listed = try await AuthTests.send(app, .GET, "api/v1/jobs", token: admin)
            #expect(deleted.status == .noContent)
            #expect(listed.body.string.contains(#""total":0"#), "deleted and ad-hoc jobs aren't listed")
        }
    }
}
