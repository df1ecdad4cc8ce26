import DRMCore
import DRMEngine
import Vapor

/// `/reports`: pick a report, a range and filters, see it with its charts drawn by the server, and export it
/// (`format=csv|json|html` downloads the same run). The page is a model (``ReportsPage/Model``) drawn by a view
/// (``ReportsPage/View``).
struct ReportsPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.reports.components, use: show)
    }

    func show(request: Request) async throws -> Response {
        let model = try await Model.load(request)
        if let export = model.export, let data = model.report {
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: export.contentType)
            headers.replaceOrAdd(
                name: .contentDisposition,
                value: "attachment; filename=\"\(data.kind.rawValue)-\(data.range.name).\(export.rawValue)\"")
            headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return Response(
                status: .ok, headers: headers, body: .init(string: try ReportRendering.render(data, as: export)))
        }
        return try Layout.page(request, .reports, content: View(model: model).body).encodeResponse(status: .ok)
    }
}
