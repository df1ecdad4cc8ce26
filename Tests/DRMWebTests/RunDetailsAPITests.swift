import DRMCore
import DRMSchema
import DRMTestSupport
import Foundation
import NIOFoundationEssentialsCompat
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// The rough edges of #14 item 14 in the API: keys checked when saved, empty required options, reruns that link
/// their origin, a job status that follows its runs, and executions with their user and duration.
@Suite struct RunDetailsAPITests {
    @Test("a malformed private key or a wrong passphrase is refused when saved")
    func privateKeysAreReadWhenSaved() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            let passphrase = "Key-passphrase-12"
            let key = try SSHTestKeys.encryptedPEM(passphrase: passphrase)
            let body = { (privateKey: String, passphrase: String?) -> String in
                let phrase = passphrase.map { #", "passphrase": "\#($0)""# } ?? ""
                let text = String(decoding: try! JSONEncoder().encode(privateKey), as: UTF8.self)
                return """
                    {"name": "keyed", "communication_methods": [{"method_type": "ssh", "config": {"host": "127.0.7.61"},
                     "credential": {"type": "ssh_key", "username": "ops", "private_key": \(text)\(phrase)}}]}
                    """
            }
            let garbage = "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----\n"
            let cases: [(String, String)] = [
                (body(garbage, nil), "communication_methods.0.credential.private_key"),
                (body("ssh-ed25519 AAAA not a private key", nil), "communication_methods.0.credential.private_key"),
                (body(key, nil), "communication_methods.0.credential.passphrase"),
                (body(key, "wrong"), "communication_methods.0.credential.passphrase"),
            ]
            for (raw, field) in cases {
                let response = try await AuthTests.send(app, .POST, "api/v1/targets", token: admin, raw: raw)
                #expect(response.status == .unprocessableEntity, "\(response.body.string)")
                #expect(response.body.string.contains(#""field":"\#(field)""#), "\(response.body.string)")
                #expect(!response.body.string.contains(passphrase))
            }
            let saved = try await AuthTests.send(
                app, .POST, "api/v1/targets", token: admin, raw: body(key, passphrase))
            #expect(saved.status == .created, "\(saved.body.string)")
        }
    }

    @Test("empty required options, rerun origin, job status, executions' user and duration")
    func runDetails() async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.7.62", "127.0.7.63"])
        defer { ssh.stop() }
        try await AuthTests.withApp(.sqlite) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            var ids: [Int] = []
            for (index, address) in ssh.addresses.enumerated() {
                let created = try JobsAPITests.json(
                    try await AuthTests.send(
                        app, .POST, "api/v1/targets", token: admin,
                        raw: """
                            {"name": "w-\(index + 1)", "communication_methods": [{"method_type": "ssh",
                             "config": {"host": "\(address)", "port": \(ssh.port)}, "credential": {"type": "password",
                             "username": "\(ssh.username)", "password": "\(ssh.password)"}}]}
                            """))
                let id = try #require(created["id"] as? Int)
                let method = try #require((created["communication_methods"] as? [[String: Any]])?.first?["id"] as? Int)
                _ = try await AuthTests.send(
                    app, .PUT, "api/v1/targets/\(id)/methods/\(method)/host-key", token: admin,
                    raw: #"{"host_key": "\#(ssh.hostPublicKey)"}"#)
                ids.append(id)
            }
            let marker = "/tmp/drm-rerun-api-\(UUID().uuidString.prefix(8))"
            defer { try? FileManager.default.removeItem(atPath: marker) }
            let job = try JobsAPITests.json(
                try await AuthTests.send(
                    app, .POST, "api/v1/jobs", token: admin,
                    raw: """
                        {"name": "flaky", "target_ids": \(ids), "options": [{"name": "version", "required": true}],
                         "actions": [{"action_type": "command", "action_parameters":
                           {"command": "[ {{target.name}} != w-2 ] || [ -e \(marker) ] || { touch \(marker); exit 3; }"}}]}
                        """))
            let jobID = try #require(job["id"] as? Int)
            let empty = try await AuthTests.send(
                app, .POST, "api/v1/jobs/\(jobID)/run", token: admin, raw: #"{"parameters": {"version": " "}}"#)
            let run = try JobsAPITests.json(
                try await AuthTests.send(
                    app, .POST, "api/v1/jobs/\(jobID)/run", token: admin, raw: #"{"parameters": {"version": "1"}}"#))
            try await JobsAPITests.work(app, run)
            let executionID = try #require(run["execution_id"] as? Int)
            let afterRun = try JobsAPITests.json(
                try await AuthTests.send(app, .GET, "api/v1/jobs/\(jobID)", token: admin))
            let rerun = try JobsAPITests.json(
                try await AuthTests.send(
                    app, .POST, "api/v1/executions/\(executionID)/rerun-failed", token: admin))
            try await JobsAPITests.work(app, rerun)
            let rerunID = try #require(rerun["execution_id"] as? Int)
            let detail = try JobsAPITests.json(
                try await AuthTests.send(app, .GET, "api/v1/executions/\(rerunID)", token: admin))
            let afterRerun = try JobsAPITests.json(
                try await AuthTests.send(app, .GET, "api/v1/jobs/\(jobID)", token: admin))
            let listed = try JobsAPITests.json(
                try await AuthTests.send(app, .GET, "api/v1/executions?job_id=\(jobID)", token: admin))

            #expect(empty.status == .unprocessableEntity, "\(empty.body.string)")
            #expect(empty.body.string.contains(#""field":"parameters.version""#))
            #expect(afterRun["status"] as? String == "failed", "a job's status follows its last run: \(afterRun)")
            let origin = try #require(detail["rerun_of"] as? [String: Any], "\(detail)")
            #expect(origin["id"] as? Int == executionID && (origin["serial"] as? String)?.isEmpty == false)
            #expect(afterRerun["status"] as? String == "completed", "\(afterRerun)")
            let items = try #require(listed["items"] as? [[String: Any]])
            #expect(items.count == 2)
            #expect(items.allSatisfy { $0["triggered_by_name"] as? String == "root" }, "\(items)")
            #expect(items.allSatisfy { ($0["duration_seconds"] as? Double ?? -1) >= 0 }, "\(items)")
        }
    }
}
