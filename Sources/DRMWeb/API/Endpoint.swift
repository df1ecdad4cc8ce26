import DRMCore
import DRMEngine
import Vapor

/// Who may call a route. Every API route declares one, and a test walks them all.
enum Access: Sendable, Equatable {
    case anyone
    case signedIn
    case permission(Permission)
}

/// What a route declared about itself: its access rule and a one-line summary (for the API document).
struct EndpointInfo: Sendable {
    var access: Access
    var summary: String
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
        use handler: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        let builder: any RoutesBuilder = switch access {
        case .anyone: self
        case .signedIn: grouped(BearerAuthMiddleware())
        case .permission(let permission): grouped(BearerAuthMiddleware(), PermissionMiddleware(permission: permission))
        }
        let route = builder.on(method, path, use: handler)
        route.userInfo["endpoint"] = EndpointInfo(access: access, summary: summary)
        return route
    }
}

/// Refuses a signed-in user whose role lacks `permission`.
struct PermissionMiddleware: AsyncMiddleware {
    let permission: Permission

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let role = try request.principal.user.role
        guard PermissionTable.allows(role, permission) else {
            request.logger.notice("permission denied", metadata: ["permission": "\(permission)", "role": "\(role.rawValue)"])
            throw APIError(.forbidden, code: "forbidden", message: "the \(role.rawValue) role may not do \(permission)")
        }
        return try await next.respond(to: request)
    }
}
