import DRMCore
import DRMSchema
import DRMTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// A filter or "all" selects the targets an action can run on (#14 item 6): the others are left out and reported;
/// a run fails only when nobody is left, and a target named by id that can't run it still refuses the run.
@Suite struct TargetSelectionTests {
    @Test("all and filters leave out targets without the method an action needs, and say so")
    func selectorsLeaveOutTargetsThatCantRun() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            let ssh = try await AuthTests.send(
                app, .POST, "api/v1/targets", token: admin,
                raw: """
                    {"name": "node-1", "tags": ["mixed"], "communication_methods": [{"method_type": "ssh",
                     "config": {"host": "127.0.7.41", "port": 22}}]}
                    """)
            let api = try await AuthTests.send(
                app, .POST, "api/v1/targets", token: admin,
                raw: """
                    {"name": "api-1", "tags": ["mixed"], "communication_methods": [{"method_type": "http",
                     "config": {"base_url": "http://127.0.7.42/"}}]}
                    """)
            #expect(ssh.status == .created && api.status == .created, "\(ssh.body.string) \(api.body.string)")
            let apiID = try #require(try JobsAPITests.json(api)["id"] as? Int)

            let all = try await AuthTests.send(
                app, .POST, "api/v1/executions/adhoc", token: admin, raw: #"{"command": "uptime", "all": true}"#)
            let launched = try JobsAPITests.json(all)
            let leftOut = try #require(launched["left_out"] as? [[String: Any]], "\(all.body.string)")
            #expect(all.status == .accepted && launched["targets"] as? Int == 1, "\(all.body.string)")
            #expect(leftOut.count == 1 && leftOut.first?["name"] as? String == "api-1")
            #expect((leftOut.first?["reason"] as? String)?.hasPrefix("no active ssh method") == true)
            let executionID = try #require(launched["execution_id"] as? Int)
            let logs = try await AuthTests.send(app, .GET, "api/v1/executions/\(executionID)/logs", token: admin)
            #expect(logs.body.string.contains("left out 1 selected target(s) that can't run it: api-1"))

            let none = try await AuthTests.send(
                app, .POST, "api/v1/executions/adhoc", token: admin,
                raw: #"{"command": "uptime", "filter": "name=api-1"}"#
            )
            #expect(none.status == .unprocessableEntity, "\(none.body.string)")
            #expect(none.body.string.contains("none of the 1 selected target(s) can run it: 'api-1' has no active ssh"))

            let action = #"{"action_type": "command", "action_parameters": {"command": "true"}}"#
            let filtered = try await AuthTests.send(
                app, .POST, "api/v1/jobs", token: admin,
                raw: #"{"name": "by-filter", "target_filter": "tag=mixed", "actions": [\#(action)]}"#)
            let filteredID = try #require(try JobsAPITests.json(filtered)["id"] as? Int)
            let run = try await AuthTests.send(app, .POST, "api/v1/jobs/\(filteredID)/run", token: admin, raw: "{}")
            #expect(run.status == .accepted && run.body.string.contains(#""name":"api-1""#), "\(run.body.string)")

            let named = try await AuthTests.send(
                app, .POST, "api/v1/jobs", token: admin,
                raw: #"{"name": "by-id", "target_ids": [\#(apiID)], "actions": [\#(action)]}"#)
            #expect(named.status == .unprocessableEntity && named.body.string.contains(#""field":"target_ids.0""#))
            let adhocByID = try await AuthTests.send(
                app, .POST, "api/v1/executions/adhoc", token: admin,
                raw: #"{"command": "uptime", "target_ids": [\#(apiID)]}"#)
            #expect(
                adhocByID.status == .unprocessableEntity && adhocByID.body.string.contains(#""field":"target_ids.0""#),
                "a target named by id that can't run it refuses the run: \(adhocByID.body.string)")
        }
    }
}
