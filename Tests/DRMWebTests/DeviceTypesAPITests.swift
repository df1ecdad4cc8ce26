import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import Fluent
import Foundation
import NIOFoundationEssentialsCompat
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// `/api/v1/device-types`: the built-in catalog, custom types, and templates that fill in new targets.
@Suite struct DeviceTypesAPITests {
    static func json(_ response: TestingHTTPResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body))
    }

    @Test("built-in types are fixed, custom ones change, a type in use stays", arguments: SchemaDialect.allCases)
    func catalog(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            let listed = try Self.json(
                try await AuthTests.send(app, .GET, "api/v1/device-types?per_page=200", token: admin))
            let items = try #require((listed as? [String: Any])?["items"] as? [[String: Any]])
            #expect(items.count == 15 && items.allSatisfy { $0["is_system"] as? Bool == true })
            let linux = try #require(items.first { $0["value"] as? String == "linux" }?["id"] as? Int)

            let created = try await AuthTests.send(
                app, .POST, "api/v1/device-types", token: admin,
                raw:
                    #"{"value": "storage_array", "label": "Storage array", "category": "generic", "communication_methods": ["ssh"], "discovery_ports": [22]}"#
            )
            let badMethod = try await AuthTests.send(
                app, .POST, "api/v1/device-types/validate", token: admin,
                raw: #"{"value": "x1", "label": "X", "category": "nope", "communication_methods": ["telepathy"]}"#)
            let fixed = try await AuthTests.send(
                app, .PUT, "api/v1/device-types/\(linux)", token: admin,
                raw: #"{"value": "linux", "label": "Changed", "category": "generic"}"#)
            let target = try await AuthTests.send(
                app, .POST, "api/v1/targets", token: admin,
                raw:
                    #"{"name": "nas", "device_type": "storage_array", "communication_methods": [{"method_type": "ssh", "config": {"host": "10.1.1.1"}}]}"#
            )
            let customID = try #require((try Self.json(created) as? [String: Any])?["id"] as? Int)
            let inUse = try await AuthTests.send(app, .DELETE, "api/v1/device-types/\(customID)", token: admin)
            let shown = try Self.json(
                try await AuthTests.send(app, .GET, "api/v1/device-types/\(customID)", token: admin))

            #expect(created.status == .created)
            #expect(badMethod.body.string.contains(#""valid":false"#))
            #expect(
                badMethod.body.string.contains("communication_methods[0]") && badMethod.body.string.contains("category")
            )
            #expect(fixed.status == .conflict)
            #expect(target.status == .created, "\(target.body.string)")
            #expect(inUse.status == .conflict && inUse.body.string.contains("1 target"))
            #expect((shown as? [String: Any])?["target_count"] as? Int == 1)
        }
    }

    @Test("a template fills what a new target leaves out, and counts its use", arguments: SchemaDialect.allCases)
    func templates(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            let template = try await AuthTests.send(
                app, .POST, "api/v1/device-types/templates", token: admin,
                raw:
                    #"{"name": "Web server", "category": "web", "defaults": {"device_type": "nginx", "os_type": "linux", "environment": "production", "tags": ["web"], "method_type": "ssh", "port": 2222}}"#
            )
            let badTemplate = try await AuthTests.send(
                app, .POST, "api/v1/device-types/templates", token: admin,
                raw: #"{"name": "X", "category": "web", "defaults": {"port": 70000}}"#)
            let templateID = try #require((try Self.json(template) as? [String: Any])?["id"] as? Int)
            let target = try await AuthTests.send(
                app, .POST, "api/v1/targets", token: admin,
                raw:
                    #"{"name": "web-1", "environment": "staging", "template_id": \#(templateID), "communication_methods": [{"method_type": "ssh", "config": {"host": "10.2.2.2"}}]}"#
            )
            let unknown = try await AuthTests.send(
                app, .POST, "api/v1/targets", token: admin,
                raw:
                    #"{"name": "web-2", "template_id": 999999, "communication_methods": [{"method_type": "ssh", "config": {"host": "10.2.2.3"}}]}"#
            )
            let listed = try await AuthTests.send(app, .GET, "api/v1/device-types/templates", token: admin)
            let usage = try await DeviceTypeUsage.query(on: app.db).all()

            #expect(template.status == .created, "\(template.body.string)")
            #expect(badTemplate.status == .unprocessableEntity && badTemplate.body.string.contains("defaults.port"))
            #expect(target.status == .created, "\(target.body.string)")
            let body = try #require(try Self.json(target) as? [String: Any])
            #expect(body["device_type"] as? String == "nginx" && body["os_type"] as? String == "linux")
            #expect(body["environment"] as? String == "staging", "what the request sets wins")
            #expect(body["tags"] as? [String] == ["web"])
            #expect(target.body.string.contains(#""port":2222"#), "the method takes the template's port")
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("template_id"))
            #expect(listed.body.string.contains(#""usage_count":1"#))
            #expect(usage.count == 1 && usage.first?.deviceTypeValue == "nginx" && usage.first?.usageCount == 1)
        }
    }
}
