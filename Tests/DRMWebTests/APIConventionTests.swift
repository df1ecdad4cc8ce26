import DRMCore
import DRMEngine
import DRMSchema
import DRMTestSupport
import Foundation
import NIOFoundationEssentialsCompat
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// One JSON convention for the whole API (#14 item 4): every key is snake_case, every date is ISO 8601 text with
/// an offset, and an id of one kind has one type. The walk reads every GET route of `/api/v1` with real data behind
/// it (a target, a job that ran, an ad-hoc run), and every body the set-up's writes answered with.
@Suite struct APIConventionTests {
    /// Keys that hold dates by their name.
    static func isDateKey(_ key: String) -> Bool {
        key.hasSuffix("_at") || ["timestamp", "last_seen", "last_login", "expires", "date"].contains(key)
    }

    /// Every convention break in `value`, as `path: what`.
    static func violations(_ value: JSONValue, at path: String = "$") -> [String] {
        switch value {
        case .object(let members):
            return members.flatMap { key, member -> [String] in
                var found: [String] = []
                let here = "\(path).\(key)"
                if key.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) == nil {
                    found.append("\(here): key is not snake_case")
                }
                if isDateKey(key) {
                    switch member {
                    case .null: break
                    case .string(let text) where ISO8601DateFormatter().date(from: text) != nil:
                        if !(text.hasSuffix("Z")
                            || text.range(of: "[+-]\\d\\d:\\d\\d$", options: .regularExpression) != nil)
                        {
                            found.append("\(here): date without an offset (\(text))")
                        }
                    default: found.append("\(here): date is not ISO 8601 text (\(member))")
                    }
                }
                // A row's id is a number everywhere; text ids are of another kind (a task's UUID, a request's id).
                // The audit's `resource_id` is text by the schema: it names users and settings as well as rows.
                if key == "id" || (key.hasSuffix("_id") && key != "resource_id"), case .string(let text) = member,
                    !text.isEmpty, text.allSatisfy(\.isNumber)
                {
                    found.append("\(here): an id is a number, found the text \(text)")
                }
                return found + violations(member, at: here)
            }
        case .array(let items):
            return items.enumerated().flatMap { violations($1, at: "\(path)[\($0)]") }
        default:
            return []
        }
    }

    static func check(_ response: TestingHTTPResponse, _ name: String) throws {
        #expect(response.status.code < 400, "\(name): \(response.status) \(response.body.string)")
        guard response.headers.contentType?.subType == "json", response.body.readableBytes > 0 else { return }
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
        let found = violations(value)
        #expect(found.isEmpty, "\(name): \(found.joined(separator: "; "))")
    }

    @Test("every API response is snake_case with ISO 8601 dates and numeric ids")
    func everyResponseFollowsTheConvention() async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.7.21"])
        defer { ssh.stop() }
        try await AuthTests.withApp(.sqlite) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            var writes: [(String, TestingHTTPResponse)] = []
            let created = try await AuthTests.send(
                app, .POST, "api/v1/targets", token: admin,
                raw: """
                    {"name": "web-1", "tags": ["web"], "communication_methods": [{"method_type": "ssh",
                     "config": {"host": "\(ssh.addresses[0])", "port": \(ssh.port)},
                     "credential": {"type": "password", "username": "\(ssh.username)", "password": "\(ssh.password)"}}]}
                    """)
            writes.append(("POST targets", created))
            let target = try JobsAPITests.json(created)
            let targetID = try #require(target["id"] as? Int)
            let methodID = try #require(
                (target["communication_methods"] as? [[String: Any]])?.first?["id"] as? Int)
            writes.append(
                (
                    "PUT host-key",
                    try await AuthTests.send(
                        app, .PUT, "api/v1/targets/\(targetID)/methods/\(methodID)/host-key", token: admin,
                        raw: #"{"host_key": "\#(ssh.hostPublicKey)"}"#)
                ))
            let job = try await AuthTests.send(
                app, .POST, "api/v1/jobs", token: admin,
                raw: """
                    {"name": "release", "target_ids": [\(targetID)],
                     "actions": [{"action_type": "command", "action_name": "announce",
                                  "action_parameters": {"command": "echo hello"}}]}
                    """)
            writes.append(("POST jobs", job))
            let jobID = try #require(try JobsAPITests.json(job)["id"] as? Int)
            let run = try await AuthTests.send(app, .POST, "api/v1/jobs/\(jobID)/run", token: admin, raw: "{}")
            writes.append(("POST run", run))
            let launch = try JobsAPITests.json(run)
            let executionID = try #require(launch["execution_id"] as? Int)
            try await JobsAPITests.work(app, launch)
            writes.append(
                (
                    "POST adhoc",
                    try await AuthTests.send(
                        app, .POST, "api/v1/executions/adhoc", token: admin, raw: #"{"command": "true", "all": true}"#)
                ))
            writes.append(
                ("POST test", try await AuthTests.send(app, .POST, "api/v1/targets/\(targetID)/test", token: admin)))
            let me = try JobsAPITests.json(try await AuthTests.send(app, .GET, "api/v1/auth/me", token: admin))
            let userID = try #require((me["user"] as? [String: Any])?["id"] as? Int ?? me["id"] as? Int)
            let ids = [
                "targets": targetID, "jobs": jobID, "executions": executionID, "users": userID, "device-types": 1,
                "methods": methodID,
            ]

            for (name, response) in writes { try Self.check(response, name) }
            let routes = app.routes.all.filter {
                // The API document's keys are OpenAPI's own vocabulary (`operationId`, `$ref`).
                $0.method == .GET && $0.path.count > 2 && $0.path[0].description == "api"
                    && $0.path[1].description == "v1" && $0.path[2].description != "openapi.json"
            }
            #expect(routes.count >= 20)
            for route in routes {
                var group = ""
                let path = route.path.map { component -> String in
                    let text = component.description
                    guard text.hasPrefix(":") else {
                        group = text
                        return text
                    }
                    return String(ids[group] ?? 1)
                }.joined(separator: "/")
                let name = "GET /\(path)"
                let response = try await AuthTests.send(app, .GET, path, token: admin)
                if response.status == .notFound, route.path.contains(where: { $0.description.hasPrefix(":") }) {
                    continue  // a kind of record the set-up has none of (a device type)
                }
                try Self.check(response, name)
            }
            let export = try await AuthTests.send(app, .GET, "api/v1/executions/\(executionID)/export", token: admin)
            let rows = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: export.body))
            #expect(
                String(decoding: try JSONEncoder().encode(rows), as: UTF8.self).contains(#""started_at":"20"#),
                "the JSON export's dates are text: \(export.body.string)")
        }
    }
}
