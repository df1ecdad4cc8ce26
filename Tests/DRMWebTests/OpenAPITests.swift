import DRMCore
import DRMSchema
import Foundation
import NIOFoundationEssentialsCompat
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// The OpenAPI document and the real routes agree, both ways.
@Suite struct OpenAPITests {
    @Test func theDocumentListsExactlyTheAPIRoutes() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let response = try await AuthTests.send(app, .GET, "api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
            guard case .object(let top) = document, case .object(let paths)? = top["paths"] else {
                Issue.record("no paths in \(response.body.string)")
                return
            }
            #expect(top["openapi"] == "3.1.0")
            var documented = Set<String>()
            for (path, item) in paths {
                guard case .object(let operations) = item else { continue }
                for (method, operation) in operations {
                    documented.insert("\(method.uppercased()) \(path)")
                    if case .object(let fields) = operation { #expect(fields["summary"] != nil, "\(method) \(path)") }
                }
            }
            let apiRoutes = app.routes.all.filter { $0.path.first?.description == "api" }
            let registered = Set(apiRoutes.map { "\($0.method.rawValue) \(OpenAPIDocument.path(of: $0))" })
            #expect(documented == registered)
            #expect(registered.contains("POST /api/v1/auth/login"))
            #expect(registered.contains("PATCH /api/v1/users/{id}"))

            let docs = try await AuthTests.send(app, .GET, "api/docs")
            #expect(docs.status == .ok)
            #expect(docs.body.string.contains("/api/v1/users/{id}"))
            #expect(!docs.body.string.contains("<script"))
        }
    }
}
