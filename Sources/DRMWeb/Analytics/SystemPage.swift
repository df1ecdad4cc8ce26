import DRMCore
import DRMEngine
import Vapor

/// `/system`: the platform's health as this node sees it (the same report as `GET /api/v1/system/health`): the
/// database, the queue, the workers and their heartbeats, the scheduler's leader, disk, memory, uptime and version.
/// Linked from the queue page. A model (``SystemPage/Model``) drawn by a view (``SystemPage/View``).
struct SystemPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.system.components, use: show)
    }

    func show(request: Request) async throws -> HTML {
        let model = try await Model.load(request)
        return try Layout.page(request, .system, content: View(model: model).body)
    }
}
