import DRMCore
import DRMEngine
import Foundation
import Vapor

/// `/jobs/{id}`: one job's definition and recent runs, the form that runs it (one input per option, targets to run
/// on instead), the edit form and the delete button — each shown only to roles that may use it. The page is a
/// model (``JobShow/Model``) drawn by a view (``JobShow/View``).
struct JobShow: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.job(.parameter).components, use: show)
        routes.post(SiteRoute.job(.parameter).components, use: save)
        routes.post(SiteRoute.jobDelete(.parameter).components, use: delete)
        routes.post(SiteRoute.jobRun(.parameter).components, use: run)
    }

    static let notices = ["created": "Job created.", "saved": "Job saved."]

    func show(request: Request) async throws -> HTML {
        try await render(request, notice: request.query[String.self, at: "notice"].flatMap { Self.notices[$0] })
    }

    /// The live job of the `:id` parameter (a 404 when there is none).
    static func job(_ request: Request) async throws -> JobDefinition {
        let id = try request.id(of: "job")
        return try await request.jobs.catalog(request.audit).find(String(id))
    }

    func render(_ request: Request, notice: String? = nil, error: String? = nil, form: JobForm? = nil) async throws
        -> HTML
    {
        let model = try await Model.load(request, form: form)
        return try Layout.page(
            request, .jobs, notice: notice, error: error,
            content: View(model: model, csrf: Layout.csrf(request), form: form).body)
    }

    struct RunForm: Content {
        var options: [String: String]?
        var target_ids: [Int]?
    }

    func run(request: Request) async throws -> Response {
        try await request.require(.init(.jobs, .execute))
        let job = try await Self.job(request)
        let form = try request.content.decode(RunForm.self, using: JobForm.decoder)
        var parameters: [String: JSONValue] = [:]
        for option in job.draft.options {
            let value = form.options?[option.name] ?? ""
            if option.type == .boolean {
                parameters[option.name] = .bool(value == "true")
            } else if !value.isEmpty {
                parameters[option.name] = .string(value)
            }
        }
        let targetIDs = form.target_ids.flatMap { $0.isEmpty ? nil : $0 }
        let userID = try request.principal.userID
        request.rendersRefusals { message in try await render(request, error: message) }
        let launched = try await request.jobs.launcher(request.audit).launch(
            .init(jobID: job.id, parameters: parameters, targetIDs: targetIDs, triggeredBy: userID))
        return request.redirect(to: SiteRoute.execution(.id(launched.executionID)).path(notice: "launched"))
    }

    func save(request: Request) async throws -> Response {
        try await request.require(.init(.jobs, .update))
        let job = try await Self.job(request)
        let form = try request.content.decode(JobForm.self, using: JobForm.decoder)
        request.rendersRefusals { message in try await render(request, error: message, form: form) }
        _ = try await request.jobs.catalog(request.audit).update(
            job.id, with: try form.draft(keeping: job.draft.targetIDs))
        return request.redirect(to: SiteRoute.job(.id(job.id)).path(notice: "saved"))
    }

    func delete(request: Request) async throws -> Response {
        try await request.require(.init(.jobs, .delete))
        let job = try await Self.job(request)
        let userID = try request.principal.userID
        try await request.jobs.catalog(request.audit).delete(job.id, by: userID)
        return request.redirect(to: SiteRoute.jobs.path(notice: "deleted"))
    }
}
