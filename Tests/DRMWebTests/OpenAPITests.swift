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
            // One script, from the server itself (no inline code): the "try it" forms (#14 item 17).
            #expect(docs.body.string.components(separatedBy: "<script").count == 2)
            #expect(docs.body.string.contains(#"<script src="/api/docs.js" defer></script>"#))
            #expect(docs.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true)
            let forms = docs.body.string.components(separatedBy: #"<details class="try""#).count - 1
            #expect(forms == apiRoutes.count, "a try-it form per operation")
            #expect(docs.body.string.contains(#"data-path="/api/v1/users/{id}"><summary>try it</summary>"#))
            #expect(docs.body.string.contains(#"<input name="param:id""#))
            let script = try await AuthTests.send(app, .GET, "api/docs.js")
            #expect(script.status == .ok && script.headers.contentType?.subType == "javascript")
            #expect(script.body.string.contains(#"headers["Authorization"] = "Bearer " + token"#))
            // Summaries render their code spans; each JSON success shows its example (#14 item 17).
            #expect(!docs.body.string.contains("`"), "no Markdown backticks shown literally")
            #expect(docs.body.string.contains("action or <code>group.</code>"))
            #expect(docs.body.string.contains("<details><summary>response</summary><pre>"))
            let icon = try await AuthTests.send(app, .GET, "favicon.ico")
            #expect(icon.status == .ok && icon.headers.contentType?.subType == "svg+xml")
        }
    }
}

/// Every JSON success response has a schema and an example derived from the type the handler encodes (#14 item 5).
@Suite struct OpenAPIResponseSchemaTests {
    @Test func everyJSONSuccessHasASchemaAndAnExample() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let document = OpenAPIDocument.make(routes: app.routes.all)
            guard case .object(let paths)? = document["paths"] else {
                Issue.record("no paths")
                return
            }
            var described = 0
            for (path, item) in paths {
                guard case .object(let operations) = item else { continue }
                for (method, operation) in operations {
                    guard case .object(let responses)? = operation["responses"] else { continue }
                    for (status, response) in responses where status.hasPrefix("2") && status != "204" {
                        guard case .object(let json)? = response["content"]?["application/json"] else { continue }
                        let schema = json["schema"] ?? .null
                        #expect(schema != [:] && schema != .null, "\(method) \(path) \(status): no schema")
                        #expect(json["example"] != nil, "\(method) \(path) \(status): no example")
                        described += 1
                    }
                }
            }
            #expect(described >= 40, "\(described) JSON responses described")
            let target = document["paths"]?["/api/v1/targets/{id}"]?["get"]?["responses"]?["200"]?["content"]?[
                "application/json"]?["schema"]
            #expect(target?["properties"]?["communication_methods"]?["items"]?["properties"]?["host_key"] != nil)
            guard case .array(let required)? = target?["required"] else {
                Issue.record("GET /api/v1/targets/{id} has no required keys: \(String(describing: target))")
                return
            }
            #expect(required.contains("id") && !required.contains("description"), "\(required)")
        }
    }
}
