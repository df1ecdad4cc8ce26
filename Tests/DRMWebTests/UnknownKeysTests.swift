import DRMCore
import DRMSchema
import DRMTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// A misspelt key in a request is a 422 naming it, not a silently different request (#14 item 10).
@Suite struct UnknownKeysTests {
    @Test("unknown keys in job definitions, runs and ad-hoc commands are refused, naming them")
    func unknownKeysAreRefused() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            let action = #"{"action_type": "command", "action_parameters": {"command": "true"}}"#
            let cases: [(String, String, String)] = [
                ("api/v1/jobs", #"{"name": "a", "target_filer": "tag=web", "actions": [\#(action)]}"#, "target_filer"),
                (
                    "api/v1/jobs",
                    #"{"name": "b", "actions": [{"action_type": "command", "action_params": {"command": "true"}}]}"#,
                    "actions.0.action_params"
                ),
                (
                    "api/v1/jobs",
                    #"{"name": "c", "options": [{"name": "v", "requird": true}], "actions": [\#(action)]}"#,
                    "options.0.requird"
                ),
                ("api/v1/executions/adhoc", #"{"command": "true", "al": true}"#, "al"),
            ]
            for (path, body, field) in cases {
                let response = try await AuthTests.send(app, .POST, path, token: admin, raw: body)
                #expect(response.status == .unprocessableEntity, "\(body): \(response.body.string)")
                #expect(response.body.string.contains(#""field":"\#(field)""#), "\(body): \(response.body.string)")
                #expect(response.body.string.contains("unknown key \(field)"), "\(response.body.string)")
            }
            let job = try await AuthTests.send(
                app, .POST, "api/v1/jobs", token: admin, raw: #"{"name": "ok", "actions": [\#(action)]}"#)
            #expect(job.status == .created, "\(job.body.string)")
            let id = try #require(try JobsAPITests.json(job)["id"] as? Int)
            let run = try await AuthTests.send(
                app, .POST, "api/v1/jobs/\(id)/run", token: admin, raw: #"{"parameter": {"v": "1"}}"#)
            #expect(run.status == .unprocessableEntity && run.body.string.contains(#""field":"parameter""#))
        }
    }
}

/// The check is general: every JSON request type refuses keys it doesn't read, at any depth (#14 item 10).
@Suite struct StrictRequestTests {
    @Test("misspelt keys in targets, methods, credentials, users and log-ins are 422s naming them")
    func everyRequestTypeRefusesUnknownKeys() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            let cases: [(HTTPMethod, String, String, String)] = [
                (
                    .POST, "api/v1/targets",
                    #"{"name": "t", "communication_methods": [{"method_type": "ssh", "config": {"host": "127.0.7.71"}, "credential": {"type": "password", "pasword": "x"}}]}"#,
                    "communication_methods.0.credential.pasword"
                ),
                (.POST, "api/v1/targets", #"{"name": "t", "tag": ["web"]}"#, "tag"),
                (
                    .POST, "api/v1/users",
                    #"{"username": "u1", "email": "u1@example.com", "password": "Another-pass-77", "role": "user", "admin": true}"#,
                    "admin"
                ),
                (.POST, "api/v1/auth/login", #"{"username": "root", "password": "x", "remember": true}"#, "remember"),
            ]
            for (method, path, body, field) in cases {
                let response = try await AuthTests.send(app, method, path, token: admin, raw: body)
                #expect(response.status == .unprocessableEntity, "\(path) \(body): \(response.body.string)")
                #expect(response.body.string.contains(#""field":"\#(field)""#), "\(response.body.string)")
            }
            let config = try await AuthTests.send(
                app, .POST, "api/v1/targets", token: admin,
                raw:
                    #"{"name": "free", "communication_methods": [{"method_type": "ssh", "config": {"host": "127.0.7.72", "port": 22}}]}"#
            )
            #expect(config.status == .created, "a method's config is its own type's to check: \(config.body.string)")
        }
    }
}
