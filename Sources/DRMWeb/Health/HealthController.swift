import DRMEngine
import Vapor

/// `GET /healthz` (the process is alive) and `GET /readyz` (the database answers, its schema is at head, the
/// data directory takes writes and a task could be claimed).
struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz", use: health)
        routes.get("readyz", use: readiness)
    }

    func health(request: Request) async -> HealthResponse {
        HealthResponse(status: "ok", reason: nil, revision: nil)
    }

    func readiness(request: Request) async -> Response {
        let head = SchemaStatus.head
        let (status, body): (HTTPStatus, HealthResponse)
        do {
            let current = try await request.schemaStatus.currentRevision()
            if current == head, let problem = DataDirectoryProbe(path: request.dataDirectory).problem() {
                request.logger.warning("not ready", metadata: ["reason": "\(problem)"])
                (status, body) = (
                    .serviceUnavailable, HealthResponse(status: "unavailable", reason: problem, revision: current)
                )
            } else if current == head, let problem = await request.application.environment.jobs.queue.claimProblem() {
                request.logger.warning("not ready", metadata: ["reason": "\(problem)"])
                (status, body) = (
                    .serviceUnavailable, HealthResponse(status: "unavailable", reason: problem, revision: current)
                )
            } else if current == head {
                (status, body) = (.ok, HealthResponse(status: "ready", reason: nil, revision: current))
            } else {
                let reason =
                    "schema is at revision \(current ?? "base"), head is \(head ?? "base"): run `enabledrm db upgrade`"
                (status, body) = (
                    .serviceUnavailable, HealthResponse(status: "unavailable", reason: reason, revision: current)
                )
            }
        } catch {
            request.logger.warning("readiness check failed", metadata: ["error": "\(SchemaStatus.describe(error))"])
            (status, body) = (
                .serviceUnavailable,
                HealthResponse(status: "unavailable", reason: "database unreachable", revision: nil)
            )
        }
        let response = Response(status: status)
        try? response.content.encode(body)
        return response
    }
}

/// The body of the health endpoints.
struct HealthResponse: Content {
    var status: String
    var reason: String?
    var revision: String?
}
