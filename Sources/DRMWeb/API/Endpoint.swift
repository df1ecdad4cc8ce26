import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// Who may call a route. Every API route declares one, and a test walks them all.
enum Access: Sendable, Equatable {
    case anyone
    case signedIn
    case permission(Permission)
}

/// What a route declared about itself: its access rule, a one-line summary, and the JSON Schemas of its body
/// and query parameters (for the API document).
struct EndpointInfo: Sendable {
    var access: Access
    var summary: String
    var body: JSONValue?
    var query: [String: JSONValue]
    /// The status of success when it isn't the usual one (200; 201 for "Create …"; 204 for DELETE).
    var success: HTTPStatus?
    /// The media types a success can come in.
    var produces: [String] = ["application/json"]
    /// The media types the body may come in (JSON unless the route says otherwise).
    var bodyTypes: [String] = ["application/json"]
    /// The type a JSON success encodes: the handler's own when it is an ``APIExample``, else the one declared.
    var returns: (any Decodable.Type)?
}

extension Route {
    /// The declaration of an API route made with ``RoutesBuilder/endpoint(_:_:access:summary:use:)``.
    var endpoint: EndpointInfo? {
        userInfo["endpoint"] as? EndpointInfo
    }
}

extension RoutesBuilder {
    /// Registers an API route with its access rule: signed-in routes get bearer authentication, permission
    /// routes a check against ``PermissionTable`` (403 when the role may not).
    @discardableResult
    func endpoint<Response: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: PathComponent..., access: Access, summary: String,
        body: JSONValue? = nil, query: [String: JSONValue] = [:], bodyTypes: [String] = ["application/json"],
        maxBody: ByteCount? = nil, success: HTTPStatus? = nil, produces: [String] = ["application/json"],
        returns: (any Decodable.Type)? = nil,
        use handler: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        let builder: any RoutesBuilder =
            switch access {
            case .anyone: self
            case .signedIn: grouped(BearerAuthMiddleware())
            case .permission(let permission):
                grouped(BearerAuthMiddleware(), PermissionMiddleware(permission: permission))
            }
        let route =
            if let maxBody {
                builder.on(method, path, body: .collect(maxSize: maxBody), use: handler)
            } else {
                builder.on(method, path, use: handler)
            }
        route.userInfo["endpoint"] = EndpointInfo(
            access: access, summary: summary, body: body, query: query, success: success, produces: produces,
            bodyTypes: bodyTypes, returns: returns ?? (Response.self as? any Decodable.Type))
        return route
    }
}

extension Request {
    /// Whether `maintenance_mode` refuses `permission` to the signed-in user: while it is on, only administrators
    /// change anything; everyone may still read.
    func inMaintenance(for permission: Permission) async throws -> Bool {
        guard permission.action != .read, try principal.user.role != .administrator else { return false }
        return try await settings.value(.maintenanceMode) == .bool(true)
    }

    /// Audits a signed-in user's request for `permission`, which their role lacks (API routes and pages alike).
    func recordDenial(of permission: Permission) async throws {
        try await record(
            .permissionDenied, outcome: .denied, severity: .low,
            details: [
                "permission": .string("\(permission)"), "role": .string(try principal.user.role.rawValue),
                "method": .string(method.rawValue), "path": .string(url.path),
            ])
    }
}
