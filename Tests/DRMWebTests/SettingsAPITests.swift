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

/// `/api/v1/settings`: typed keys with defaults and validation.
@Suite struct SettingsAPITests {
    static func put(_ app: Application, _ token: String, _ json: String) async throws -> TestingHTTPResponse {
        try await AuthTests.send(app, .PUT, "api/v1/settings", token: token, raw: json)
    }

    @Test("defaults, validated changes, and only administrators change", arguments: SchemaDialect.allCases)
    func settings(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            let manager = try AuthTests.tokens(try await AuthTests.login(app)).access

            let defaults = try await AuthTests.send(app, .GET, "api/v1/settings", token: manager)
            #expect(defaults.status == .ok)
            let values = try JSONDecoder().decode([String: JSONValue].self, from: Data(buffer: defaults.body))
            #expect(values["session_timeout_minutes"] == 480)
            #expect(values["max_concurrent_jobs"] == 50)
            #expect(values.count == SettingKey.offered.count)
            #expect(values["theme"] == nil, "a setting that does nothing is not offered")

            let changed = try await Self.put(
                app, admin, #"{"inactivity_timeout_minutes": 30, "max_concurrent_jobs": 8, "maintenance_mode": false}"#)
            #expect(changed.status == .ok)
            let after = try JSONDecoder().decode([String: JSONValue].self, from: Data(buffer: changed.body))
            #expect(after["inactivity_timeout_minutes"] == 30)
            #expect(after["max_concurrent_jobs"] == 8)

            let cases: [(String, String)] = [
                (#"{"session_timeout_minutes": 1}"#, "session_timeout_minutes"),
                (#"{"max_concurrent_jobs": 0}"#, "max_concurrent_jobs"),
                (#"{"max_concurrent_jobs": 2.5}"#, "max_concurrent_jobs"), (#"{"theme": "dark"}"#, "theme"),
                (#"{"warp_speed": 9}"#, "warp_speed"), (#"{"maintenance_mode": "yes"}"#, "maintenance_mode"),
            ]
            for (body, field) in cases {
                let refused = try await Self.put(app, admin, body)
                #expect(refused.status == .unprocessableEntity, "\(body)")
                #expect(refused.body.string.contains(#""field":"\#(field)""#), "\(body): \(refused.body.string)")
            }
            let mixed = try await Self.put(app, admin, #"{"max_concurrent_jobs": 10, "theme": "neon"}"#)
            #expect(mixed.status == .unprocessableEntity)
            let unchanged = try JSONDecoder().decode(
                [String: JSONValue].self,
                from: Data(buffer: try await AuthTests.send(app, .GET, "api/v1/settings", token: admin).body))
            #expect(unchanged["max_concurrent_jobs"] == 8, "a refused change writes nothing")
            #expect(try await Self.put(app, manager, #"{"max_concurrent_jobs": 3}"#).status == .forbidden)
        }
    }

    @Test("maintenance mode: only administrators change anything; everyone still reads")
    func maintenanceMode() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let admin = try await UsersAPITests.adminToken(app)
            let manager = try AuthTests.tokens(try await AuthTests.login(app)).access
            let target =
                #"{"name": "web-1", "communication_methods": [{"method_type": "ssh", "config": {"host": "127.0.0.9"}}]}"#

            #expect(try await Self.put(app, admin, #"{"maintenance_mode": true}"#).status == .ok)
            let refused = try await AuthTests.send(app, .POST, "api/v1/targets", token: manager, raw: target)
            let read = try await AuthTests.send(app, .GET, "api/v1/targets", token: manager)
            let allowed = try await AuthTests.send(app, .POST, "api/v1/targets", token: admin, raw: target)
            #expect(try await Self.put(app, admin, #"{"maintenance_mode": false}"#).status == .ok)
            let afterwards = try await AuthTests.send(
                app, .POST, "api/v1/targets", token: manager,
                raw: target.replacingOccurrences(of: "web-1", with: "web-2")
                    .replacingOccurrences(of: "127.0.0.9", with: "127.0.0.10"))

            #expect(refused.status == .serviceUnavailable)
            #expect(refused.body.string.contains(#""code":"maintenance""#))
            #expect(refused.headers.first(name: "Retry-After") == "60")
            #expect(read.status == .ok)
            #expect(allowed.status == .created, "\(allowed.body.string)")
            #expect(afterwards.status == .created, "\(afterwards.body.string)")
        }
    }
}
