import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `GET /metrics`: the Prometheus text format (0.0.4) of the process's instruments (``EngineMetrics``), written
/// from memory: a scrape runs no SQL. Who may read it is the `metrics_access` setting: loopback clients without a
/// token, or a bearer token whose user's role has `metrics:read` (checking a token reads its session).
struct MetricsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics", use: metrics)
    }

    func metrics(request: Request) async throws -> Response {
        let access = request.application.appConfig.metricsAccess
        guard access != .off else { throw Abort(.notFound) }
        if !access.admitsWithoutToken(clientAddress: request.clientAddress) {
            guard let token = request.headers.bearerAuthorization?.token else { throw AuthError.invalidToken }
            let principal = try await request.authSessions.authenticate(token)
            request.storage[PrincipalKey.self] = principal
            let permission = Permission(.metrics, .read)
            guard PermissionTable.allows(principal.user.role, permission) else {
                throw APIError(
                    .forbidden, code: "forbidden",
                    message: "the \(principal.user.role.rawValue) role may not do \(permission)")
            }
        }
        let body = request.application.environment.metrics.exposition()
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: EngineMetrics.contentType)
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: body)))
    }
}
