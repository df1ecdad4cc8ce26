import DRMCore
import Vapor

/// The OpenAPI 3.1 document of the API, generated from the registered routes and their declarations, so it
/// can't list a route that doesn't exist or miss one that does.
enum OpenAPIDocument {
    /// `/api/v1/users/:id` → `/api/v1/users/{id}`.
    static func path(of route: Route) -> String {
        "/"
            + route.path.map { component in
                let text = component.description
                return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text
            }.joined(separator: "/")
    }

    static func make(routes: [Route]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for route in routes {
            guard let endpoint = route.endpoint else { continue }
            var operation: [String: JSONValue] = [
                "summary": .string(endpoint.summary),
                "operationId": .string(
                    "\(route.method.rawValue.lowercased())_\(route.path.map { $0.description.replacingOccurrences(of: ":", with: "") }.joined(separator: "_"))"
                ),
                "responses": responses(for: route, endpoint),
            ]
            let parameters =
                route.path.compactMap { component -> JSONValue? in
                    let text = component.description
                    guard text.hasPrefix(":") else { return nil }
                    return [
                        "name": .string(String(text.dropFirst())), "in": "path", "required": true,
                        "schema": ["type": "integer", "minimum": 1],
                    ]
                }
                + endpoint.query.sorted { $0.key < $1.key }.map { name, schema -> JSONValue in
                    ["name": .string(name), "in": "query", "required": false, "schema": schema]
                }
            if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
            switch endpoint.access {
            case .anyone: operation["security"] = .array([])
            case .signedIn: operation["security"] = [["bearer": []]]
            case .permission(let permission):
                operation["security"] = [["bearer": []]]
                operation["x-permission"] = .string(permission.description)
            }
            if let body = endpoint.body {
                let content = endpoint.bodyTypes.map { type -> (String, JSONValue) in
                    (type, ["schema": type == "application/json" ? body : Schema.string])
                }
                operation["requestBody"] = [
                    "required": true, "content": .object(Dictionary(content, uniquingKeysWith: { $1 })),
                ]
            }
            paths[path(of: route), default: [:]][route.method.rawValue.lowercased()] = .object(operation)
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "EnableDRM API", "version": .string(EnableDRM.version)],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"]],
                "schemas": [
                    "Error": [
                        "type": "object", "required": ["error"],
                        "properties": [
                            "error": [
                                "type": "object", "required": ["code", "message", "request_id"],
                                "properties": [
                                    "code": ["type": "string"], "message": ["type": "string"],
                                    "field": ["type": "string"], "request_id": ["type": "string"],
                                ],
                            ]
                        ],
                    ]
                ],
            ],
        ]
    }

    /// What a successful response holds: HTML for the docs page, CSV or JSON for exports, else JSON.
    static func responses(for route: Route, _ endpoint: EndpointInfo) -> JSONValue {
        let error: JSONValue = [
            "description": "Error", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
        ]
        let success =
            endpoint.success
            ?? (route.method == .DELETE
                ? .noContent : route.method == .POST && endpoint.summary.hasPrefix("Create") ? .created : .ok)
        var responses: [String: JSONValue] = [
            "400": error, "404": error, "413": error, "422": error, "429": error,
        ]
        responses[String(success.code)] =
            success == .noContent
            ? ["description": "Done"]
            : [
                "description": "Success",
                "content": .object(
                    Dictionary(uniqueKeysWithValues: endpoint.produces.map { ($0, content(of: endpoint, as: $0)) })),
            ]
        responses["401"] = error
        if [.POST, .PATCH, .PUT].contains(route.method) { responses["409"] = error; responses["415"] = error }
        // Deleting can conflict with what remains (e.g. a target's last communication method).
        if route.method == .DELETE { responses["409"] = error }
        if case .permission = endpoint.access { responses["403"] = error }
        return .object(responses)
    }
}

extension OpenAPIDocument {
    /// A success body of `type`: JSON has the schema and the example of the type the route encodes (derived from
    /// that type's examples as the API encodes them); other media types are text.
    static func content(of endpoint: EndpointInfo, as type: String) -> JSONValue {
        guard type == "application/json" else { return ["schema": ["type": "string"]] }
        guard let returns = endpoint.returns, let derived = ResponseSchema.of(returns) else { return ["schema": [:]] }
        return ["schema": derived.schema, "example": derived.example]
    }
}

/// `GET /api/v1/openapi.json` and the browsable `GET /api/docs`.
struct OpenAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(
            .GET, "api", "v1", "openapi.json", access: .anyone, summary: "This API's OpenAPI 3.1 document",
            returns: JSONValue.self
        ) { request -> Response in
            let document = OpenAPIDocument.make(routes: request.application.routes.all)
            let response = Response(status: .ok)
            try response.content.encode(document, as: .json)
            return response
        }
        routes.endpoint(
            .GET, "api", "docs", access: .anyone, summary: "This API, browsable (HTML)", produces: ["text/html"]
        ) {
            request -> Response in
            let rows = request.application.routes.all.compactMap { route -> String? in
                guard let endpoint = route.endpoint else { return nil }
                let access =
                    switch endpoint.access {
                    case .anyone: "anyone"
                    case .signedIn: "signed in"
                    case .permission(let permission): permission.description
                    }
                let example = OpenAPIController.example(of: endpoint) + OpenAPIController.tryIt(route, endpoint)
                return
                    "<tr><td><code>\(route.method.rawValue)</code></td><td><code>\(OpenAPIDocument.path(of: route).htmlEscaped)</code></td><td>\(OpenAPIController.inlineCode(endpoint.summary))\(example)</td><td>\(access)</td></tr>"
            }
            let html = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>EnableDRM API</title>
                <style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left}</style>
                <script src="/api/docs.js" defer></script>
                </head><body><h1>EnableDRM API</h1><p>The machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
                Errors are <code>{"error": {"code", "message", "field"?, "request_id"}}</code>.</p>
                <form id="try-login" method="dialog"><strong>Try it:</strong> <input name="username" placeholder="user name" autocomplete="username">
                <input name="password" type="password" placeholder="password" autocomplete="current-password"> <button>Log in</button>
                <span id="try-token">not logged in: only public operations answer</span></form>
                <table><thead><tr><th>method</th><th>path</th><th>what</th><th>who</th></tr></thead><tbody>
                \(rows.joined(separator: "\n"))
                </tbody></table></body></html>
                """
            return Response(
                status: .ok,
                headers: [
                    "Content-Type": "text/html; charset=utf-8",
                    "Content-Security-Policy":
                        "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
                ], body: .init(string: html))
        }
        routes.endpoint(
            .GET, "api", "docs.js", access: .anyone, summary: "The script of the docs' try-it forms",
            produces: ["text/javascript"]
        ) { _ -> Response in
            Response(
                status: .ok,
                headers: ["Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache"],
                body: .init(string: OpenAPIController.tryItScript))
        }
    }
}

extension OpenAPIController {
    /// A summary as HTML: escaped, with `code` spans shown as code rather than as backticks.
    static func inlineCode(_ text: String) -> String {
        let parts = text.htmlEscaped.split(separator: "`", omittingEmptySubsequences: false)
        return parts.enumerated().map { index, part in index % 2 == 1 ? "<code>\(part)</code>" : String(part) }
            .joined()
    }

    /// The success response's example, folded under the summary.
    static func example(of endpoint: EndpointInfo) -> String {
        guard let returns = endpoint.returns, let derived = ResponseSchema.of(returns),
            let data = try? JSONEncoder.enableDRM(pretty: true).encode(derived.example)
        else { return "" }
        return
            "<details><summary>response</summary><pre>\(String(decoding: data, as: UTF8.self).htmlEscaped)</pre></details>"
    }
}

extension String {
    /// Safe inside HTML text and attributes.
    var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
