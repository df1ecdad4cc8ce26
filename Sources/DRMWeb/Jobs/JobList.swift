import DRMCore
import DRMEngine
import Foundation
import Vapor

/// `/jobs`: the job definitions with their last run, a search box, and the form that creates a job. The page is
/// a model (``JobList/Model``) drawn by a view (``JobList/View``).
struct JobList: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.jobs.components, use: show)
        routes.post(SiteRoute.jobs.components, use: create)
    }

    static let notices = ["deleted": "Job deleted."]

    func show(request: Request) async throws -> HTML {
        try await render(request, notice: request.query[String.self, at: "notice"].flatMap { Self.notices[$0] })
    }

    func render(_ request: Request, notice: String? = nil, error: String? = nil, form: JobForm? = nil) async throws
        -> HTML
    {
        let model = try await Model.load(request, form: form)
        return try Layout.page(
            request, .jobs, notice: notice, error: error,
            content: View(model: model, csrf: Layout.csrf(request), form: form).body)
    }

    func create(request: Request) async throws -> Response {
        try await request.require(.init(.jobs, .create))
        let form = try request.content.decode(JobForm.self, using: JobForm.decoder)
        let userID = try request.principal.userID
        request.rendersRefusals { message in try await render(request, error: message, form: form) }
        let job = try await request.jobs.catalog(request.audit).create(try form.draft(), createdBy: userID)
        return request.redirect(to: SiteRoute.job(.id(job.id)).path(notice: "created"))
    }
}
