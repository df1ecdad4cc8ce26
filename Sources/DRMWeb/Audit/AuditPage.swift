import DRMCore
import DRMEngine
import Vapor

/// `/audit`: the audit log with filters, pages and an export of what the filters select. The page is a model
/// (``AuditPage/Model``) drawn by a view (``AuditPage/View``).
struct AuditPage: RouteCollection {
    static let filterNames = ["actor", "action", "outcome", "resource_type", "resource_id", "since", "until"]

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.audit.components, use: show)
        routes.get(SiteRoute.auditExport.components) { request in
            _ = try await request.require(.audit)
            return try await AuditController().export(request: request)
        }
    }

    func show(request: Request) async throws -> HTML {
        _ = try await request.require(.audit)
        let page = try PageRequest(request)
        let query: AuditQuery
        do {
            query = try AuditQuery(request)
        } catch let error as APIError {
            return try Layout.page(
                request, .audit, error: error.message, content: View.form(Model.filters(of: request)))
        }
        let model = try await Model.load(request, query: query, page: page)
        return try Layout.page(request, .audit, content: View(model: model).body)
    }
}
