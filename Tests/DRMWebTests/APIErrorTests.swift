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

/// Bad input gets a precise 4xx naming the field, with the request id; our own failures a bare 500.
@Suite struct APIErrorTests {
    struct Probe: Content {
        enum Kind: String, Codable { case command, script }
        var name: String
        var count: Int
        var kind: Kind
    }

    static func withApp(_ body: (Application) async throws -> Void) async throws {
        try await TestDatabase.with(.sqlite) { database in
            let config = try AppConfig.load(
                flags: [.databaseURL: "sqlite://\(FileManager.default.temporaryDirectory.path)/probe-\(UUID()).sqlite"],
                workingDirectory: FileManager.default.temporaryDirectory.path
            )
            let environment = try AppEnvironment.open(config, hasher: .bcrypt)
            let app = try await Application.make(.testing)
            do {
                try await configure(app, environment)
                app.post("api", "probe") { request -> Probe in try request.content.decode(Probe.self) }
                app.get("api", "boom") { _ -> String in throw CancellationError() }
                try await body(app)
            } catch {
                try await app.asyncShutdown()
                await environment.shutdown()
                throw error
            }
            try await app.asyncShutdown()
            await environment.shutdown()
            _ = database
        }
    }

    static func error(_ response: TestingHTTPResponse) throws -> (code: String, field: String?, requestID: String) {
        let body = try JSONDecoder().decode([String: [String: String]].self, from: Data(buffer: response.body))
        let error = try #require(body["error"])
        return (try #require(error["code"]), error["field"], try #require(error["request_id"]))
    }

    @Test(arguments: [
        (#"{"name": "a", "count": 1, "kind": "command"#, HTTPStatus.badRequest, "malformed_json", nil as String?),
        (#"{"name": "a", "count": "many", "kind": "command"}"#, .unprocessableEntity, "invalid_field", "count"),
        (#"{"name": "a", "kind": "command"}"#, .unprocessableEntity, "invalid_field", "count"),
        (#"{"name": "a", "count": 1, "kind": "telepathy"}"#, .unprocessableEntity, "invalid_field", "kind"),
        (#"{"name": null, "count": 1, "kind": "script"}"#, .unprocessableEntity, "invalid_field", "name"),
    ])
    func badBodies(body: String, status: HTTPStatus, code: String, field: String?) async throws {
        try await Self.withApp { app in
            try await app.testing().test(
                .POST, "api/probe",
                beforeRequest: { request in
                    request.headers.contentType = .json
                    request.body = ByteBuffer(string: body)
                },
                afterResponse: { response in
                    #expect(response.status == status)
                    let error = try Self.error(response)
                    #expect(error.code == code)
                    #expect(error.field == field)
                    #expect(response.headers.first(name: "X-Request-ID") == error.requestID)
                })
        }
    }

    @Test func anOversizedBodyIs413AndAnUnknownRouteIs404() async throws {
        try await Self.withApp { app in
            // Through a real server: the body limit applies while the body streams in.
            try await app.testing(method: .running(hostname: "127.0.0.1", port: try FreePort.find())).test(
                .POST, "api/probe",
                beforeRequest: { request in
                    request.headers.contentType = .json
                    request.body = ByteBuffer(string: String(repeating: " ", count: 2_000_000))
                },
                afterResponse: { response in
                    let error = try Self.error(response)
                    #expect(response.status == .payloadTooLarge)
                    #expect(error.code == "payload_too_large")
                })
            try await app.testing().test(
                .GET, "api/nowhere",
                afterResponse: { response in
                    let error = try Self.error(response)
                    #expect(response.status == .notFound)
                    #expect(error.code == "not_found")
                })
            // Outside the API, a browser gets an HTML page.
            try await app.testing().test(
                .GET, "nowhere",
                afterResponse: { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers.contentType == .html)
                    #expect(response.body.string.contains("<h1>404 Not Found</h1>"))
                })
        }
    }

    @Test func anInternalFailureHidesItsDetail() async throws {
        try await Self.withApp { app in
            try await app.testing().test(
                .GET, "api/boom",
                afterResponse: { response in
                    let error = try Self.error(response)
                    #expect(response.status == .internalServerError)
                    #expect(error.code == "internal_error")
                    #expect(!response.body.string.contains("Cancellation"))
                })
        }
    }
}
