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

/// `POST /api/v1/targets/{id}/test` and `/api/v1/targets/test` against a real sshd.
@Suite struct ConnectionTestsAPITests {
    @Test(
        "test one target and a filtered set; results stored and shown without secrets",
        arguments: SchemaDialect.allCases)
    func connectionTests(dialect: SchemaDialect) async throws {
        let ssh = try await SSHServer.start()
        defer { ssh.stop() }
        try await AuthTests.withApp(dialect) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            let body = """
                {"name": "lab-1", "tags": ["lab"], "communication_methods": [{"method_type": "ssh",
                 "config": {"host": "127.0.0.1", "port": \(ssh.port)},
                 "credential": {"type": "password", "username": "\(ssh.username)", "password": "\(ssh.password)"}}]}
                """
            let created = try await AuthTests.send(app, .POST, "api/v1/targets", token: admin, raw: body)
            #expect(created.status == .created, "\(created.body.string)")
            let id = try #require(
                (try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [String: Any])?["id"] as? Int)

            let sameName = try await AuthTests.send(
                app, .POST, "api/v1/targets", token: admin,
                raw:
                    #"{"name": "lab-1", "communication_methods": [{"method_type": "ssh", "config": {"host": "10.9.9.9"}}]}"#
            )
            #expect(sameName.status == .conflict && sameName.body.string.contains(#""field":"name""#))
            let unknownType = try await AuthTests.send(
                app, .POST, "api/v1/targets", token: admin,
                raw:
                    #"{"name": "lab-2", "device_type": "toaster", "communication_methods": [{"method_type": "ssh", "config": {"host": "10.9.9.8"}}]}"#
            )
            #expect(
                unknownType.status == .unprocessableEntity
                    && unknownType.body.string.contains(#""field":"device_type""#))
            let one = try await AuthTests.send(app, .POST, "api/v1/targets/\(id)/test", token: admin)
            let many = try await AuthTests.send(
                app, .POST, "api/v1/targets/test", token: admin, raw: #"{"filter": "tag=lab"}"#)
            let badFilter = try await AuthTests.send(
                app, .POST, "api/v1/targets/test", token: admin, raw: #"{"filter": "tag=="}"#)
            let missing = try await AuthTests.send(app, .POST, "api/v1/targets/999999/test", token: admin)
            let shown = try await AuthTests.send(app, .GET, "api/v1/targets/\(id)", token: admin)

            #expect(one.status == .ok, "\(one.body.string)")
            #expect(one.body.string.contains(#""succeeded":1"#), "\(one.body.string)")
            #expect(many.body.string.contains(#""tested":1"#))
            #expect(badFilter.status == .unprocessableEntity && badFilter.body.string.contains(#""field":"filter""#))
            #expect(missing.status == .notFound)
            #expect(
                shown.body.string.contains("last_test") || shown.body.string.contains("host_key"),
                "\(shown.body.string)")
            for response in [one, many, shown] {
                #expect(!response.body.string.contains(ssh.password))
            }
        }
    }
}
