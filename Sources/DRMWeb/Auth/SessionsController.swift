import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/api/v1/sessions`: a user's own sessions; administrators see and end anyone's.
struct SessionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let sessions = routes.grouped("api", "v1", "sessions")
        sessions.endpoint(
            .GET, access: .permission(.init(.sessions, .read)), summary: "List sessions (administrators: ?user_id=)",
            query: ["user_id": Schema.integer(1...Int(Int32.max))], use: list
        )
        sessions.endpoint(
            .DELETE, ":id", access: .permission(.init(.sessions, .delete)), summary: "End a session", use: revoke)
    }

    func list(request: Request) async throws -> [SessionResponse] {
        let principal = try request.principal
        var userID: Int?
        if principal.user.role == .administrator {
            if request.query[String.self, at: "user_id"] != nil {
                userID = try PageRequest.integer(request, "user_id", default: 0, in: 1...Int(Int32.max))
            }
        } else {
            userID = try principal.userID
        }
        return try await request.sessions.list(userID: userID).map { session in
            SessionResponse(
                id: try session.savedID, userID: session.userID, ipAddress: session.ipAddress,
                userAgent: session.userAgent,
                createdAt: session.createdAt, lastActivity: session.lastActivity, expiresAt: session.expiresAt,
                current: session.id == principal.sessionID
            )
        }
    }

    func revoke(request: Request) async throws -> HTTPStatus {
        try await request.authSessions.end(sessionID: try request.id(of: "session"), by: try request.principal)
        return .noContent
    }
}
