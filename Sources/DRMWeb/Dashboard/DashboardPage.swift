import DRMCore
import DRMEngine
import Vapor

/// `/dashboard`: figures of what exists today, and the last day's activity as a chart drawn by the server. The page
/// is a model (``DashboardPage/Model``) drawn by a view (``DashboardPage/View``).
struct DashboardPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.dashboard.components, use: show)
    }

    func show(request: Request) async throws -> HTML {
        let model = try await Model.load(request)
        return try Layout.page(request, .dashboard, content: View(model: model).body)
    }
}
