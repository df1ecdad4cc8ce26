import DRMCore
import DRMSchema
import DRMTestSupport
import Foundation
import NIOFoundationEssentialsCompat
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// `/api/v1/targets/host-keys` and `/api/v1/targets/credentials` against a real sshd (#14 item 3).
@Suite struct HostKeysAPITests {
    static let otherKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"

    @Test("offered beside pinned, accept for a filter (administrators), replace a credential for a filter")
    func recoverAFleet() async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.7.51", "127.0.7.52"])
        defer { ssh.stop() }
        try await AuthTests.withApp(.sqlite) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            let manager = try AuthTests.tokens(try await AuthTests.login(app)).access
            for (index, address) in ssh.addresses.enumerated() {
                let created = try await AuthTests.send(
                    app, .POST, "api/v1/targets", token: admin,
                    raw: """
                        {"name": "k-\(index + 1)", "tags": ["lab"], "communication_methods": [{"method_type": "ssh",
                         "config": {"host": "\(address)", "port": \(ssh.port)},
                         "credential": {"type": "password", "username": "\(ssh.username)", "password": "wrong"}}]}
                        """)
                #expect(created.status == .created, "\(created.body.string)")
                let target = try JobsAPITests.json(created)
                let id = try #require(target["id"] as? Int)
                let method = try #require((target["communication_methods"] as? [[String: Any]])?.first?["id"] as? Int)
                let pinned = try await AuthTests.send(
                    app, .PUT, "api/v1/targets/\(id)/methods/\(method)/host-key", token: admin,
                    raw: #"{"host_key": "\#(Self.otherKey)"}"#)
                #expect(pinned.status == .ok, "\(pinned.body.string)")
            }
            let test = { () async throws -> [String: Any] in
                try JobsAPITests.json(
                    try await AuthTests.send(
                        app, .POST, "api/v1/targets/test", token: admin, raw: #"{"filter": "tag=lab"}"#))
            }
            let refused = try await test()
            let listed = try await AuthTests.send(app, .GET, "api/v1/targets/host-keys?filter=tag%3Dlab", token: admin)
            let entries = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: listed.body)) as? [[String: Any]])
            let byManager = try await AuthTests.send(
                app, .POST, "api/v1/targets/host-keys/accept", token: manager, raw: #"{"filter": "tag=lab"}"#)
            let accepted = try JobsAPITests.json(
                try await AuthTests.send(
                    app, .POST, "api/v1/targets/host-keys/accept", token: admin, raw: #"{"filter": "tag=lab"}"#))
            let wrongPassword = try await test()
            let replaced = try await AuthTests.send(
                app, .POST, "api/v1/targets/credentials", token: admin,
                raw: """
                    {"filter": "tag=lab", "credential": {"type": "password", "username": "\(ssh.username)",
                     "password": "\(ssh.password)"}}
                    """)
            let typo = try await AuthTests.send(
                app, .POST, "api/v1/targets/credentials", token: admin,
                raw: #"{"filtr": "tag=lab", "credential": {"type": "password", "password": "x"}}"#)
            let working = try await test()

            #expect(refused["failed"] as? Int == 2, "\(refused)")
            #expect(entries.count == 2 && entries.allSatisfy { $0["state"] as? String == "changed" }, "\(entries)")
            let offered = ssh.hostPublicKey.split(separator: " ").prefix(2).joined(separator: " ")
            #expect(entries.first?["offered"] as? String == offered, "\(entries)")
            #expect(entries.first?["pinned"] as? String == Self.otherKey)
            #expect(byManager.status == .forbidden, "accepting a host key is an administrator's decision")
            #expect((accepted["accepted"] as? [Any])?.count == 2, "\(accepted)")
            #expect(wrongPassword["failed"] as? Int == 2 && "\(wrongPassword)".contains("auth"), "\(wrongPassword)")
            #expect(replaced.status == .ok && replaced.body.string.contains(#""target_name":"k-2""#))
            #expect(!replaced.body.string.contains(ssh.password))
            #expect(typo.status == .unprocessableEntity && typo.body.string.contains(#""field":"filtr""#))
            #expect(working["succeeded"] as? Int == 2, "\(working)")
        }
    }
}
