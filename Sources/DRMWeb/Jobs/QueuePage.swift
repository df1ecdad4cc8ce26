import DRMCore
import DRMEngine
import Vapor

/// `/queue`: the task queue — depth, running and delayed tasks, the last hour's throughput as a chart drawn by the
/// server, latency percentiles, the workers, and the latest tasks of `celery_task_history`. The page is a model
/// (``QueuePage/Model``) drawn by a view (``QueuePage/View``).
struct QueuePage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.queue.components, use: show)
    }

    func show(request: Request) async throws -> HTML {
        let model = try await Model.load(request)
        return try Layout.page(request, .queue, content: View(model: model).body)
    }
}
