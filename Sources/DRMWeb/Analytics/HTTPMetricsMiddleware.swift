import DRMEngine
import Vapor

/// Counts every answered request in `enabledrm_http_requests_total` (by route template — `/api/v1/jobs/:id`, never
/// the path with its ids — method and status class) and times it in `enabledrm_http_request_duration_seconds`.
struct HTTPMetricsMiddleware: AsyncMiddleware {
    let metrics: EngineMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next.respond(to: request)
            record(request, status: Int(response.status.code), since: start)
            return response
        } catch {
            record(request, status: Int((error as? any AbortError)?.status.code ?? 500), since: start)
            throw error
        }
    }

    func record(_ request: Request, status: Int, since start: ContinuousClock.Instant) {
        metrics.httpRequest(
            route: Self.template(of: request), method: request.method.rawValue, status: status,
            seconds: (ContinuousClock.now - start) / .seconds(1))
    }

    /// The route's path as registered (`/api/v1/jobs/:id`), or `unmatched` for a request no route took.
    static func template(of request: Request) -> String {
        guard let route = request.route else { return "unmatched" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }
}
