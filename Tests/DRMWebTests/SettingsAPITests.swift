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
            #expect(values["timezone"] == "UTC")
            #expect(values["max_concurrent_jobs"] == 50)
            #expect(values.count == SettingKey.allCases.count)

            let changed = try await Self.put(
                app, admin, #"{"timezone": "Europe/Paris", "max_concurrent_jobs": 8, "maintenance_mode": true}"#)
            #expect(changed.status == .ok)
            let after = try JSONDecoder().decode([String: JSONValue].self, from: Data(buffer: changed.body))
            #expect(after["timezone"] == "Europe/Paris")
            #expect(after["max_concurrent_jobs"] == 8)

            let cases: [(String, String)] = [
                (#"{"timezone": "Mars/Olympus"}"#, "timezone"), (#"{"max_concurrent_jobs": 0}"#, "max_concurrent_jobs"),
                (#"{"max_concurrent_jobs": 2.5}"#, "max_concurrent_jobs"), (#"{"theme": "neon"}"#, "theme"),
                (#"{"warp_speed": 9}"#, "warp_speed"), (#"{"debug_mode": "yes"}"#, "debug_mode"),
            ]
            for (body, field) in cases {
                let refused = try await Self.put(app, admin, body)
                #expect(refused.status == .unprocessableEntity, "\(body)")
                #expect(refused.body.string.contains(#""field":"\#(field)""#), "\(body): \(refused.body.string)")
            }
            let mixed = try await Self.put(app, admin, #"{"log_retention_days": 10, "theme": "neon"}"#)
            #expect(mixed.status == .unprocessableEntity)
            let unchanged = try JSONDecoder().decode(
                [String: JSONValue].self,
                from: Data(buffer: try await AuthTests.send(app, .GET, "api/v1/settings", token: admin).body))
            #expect(unchanged["log_retention_days"] == 30, "a refused change writes nothing")
            #expect(try await Self.put(app, manager, #"{"theme": "dark"}"#).status == .forbidden)
        }
    }
}
