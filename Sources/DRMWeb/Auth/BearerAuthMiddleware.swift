import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// Requires `Authorization: Bearer <access token>` of a live session of an active user.
struct BearerAuthMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.headers.bearerAuthorization?.token else {
            throw AuthError.invalidToken
        }
        request.storage[PrincipalKey.self] = try await request.authSessions.authenticate(token)
        return try await next.respond(to: request)
    }
}

struct PrincipalKey: StorageKey {
    typealias Value = AuthSessions.Principal
}

/// Where the web layer keeps the token signer and the log-in throttle.
struct AuthStateKey: StorageKey {
    typealias Value = (signer: TokenSigner, throttle: LoginThrottle)
}

extension Request {
    /// The signed-in user and session; only behind `BearerAuthMiddleware`.
    var principal: AuthSessions.Principal {
        get throws {
            guard let principal = storage[PrincipalKey.self] else { throw AuthError.invalidToken }
            return principal
        }
    }

    /// The client's address: the socket's peer, or what a trusted proxy says in `X-Forwarded-For`.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        guard let proxies = application.storage[AppConfigKey.self]?.trustedProxies, !proxies.networks.isEmpty else {
            return peer
        }
        return proxies.clientAddress(peer: peer, forwardedFor: headers[.xForwardedFor])
    }

    /// An audit trail of this request: its signed-in user (or `anonymous`), address, user agent and request ID.
    var audit: AuditTrail {
        let user = storage[PrincipalKey.self]?.user
        return AuditTrail(
            AuditContext(
                actorUserID: user?.id, actorName: user?.username ?? "anonymous",
                ipAddress: clientAddress, userAgent: headers.first(name: .userAgent), requestID: id))
    }
}
