import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// Refuses a signed-in user whose role lacks `permission`.
struct PermissionMiddleware: AsyncMiddleware {
    let permission: Permission

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let role = try request.principal.user.role
        guard PermissionTable.allows(role, permission) else {
            request.logger.notice(
                "permission denied", metadata: ["permission": "\(permission)", "role": "\(role.rawValue)"])
            try await request.recordDenial(of: permission)
            throw APIError(.forbidden, code: "forbidden", message: "the \(role.rawValue) role may not do \(permission)")
        }
        if try await request.inMaintenance(for: permission) {
            throw APIError(
                .serviceUnavailable, code: "maintenance",
                message: "EnableDRM is in maintenance mode: only administrators can make changes",
                headers: ["Retry-After": "60"])
        }
        return try await next.respond(to: request)
    }
}
