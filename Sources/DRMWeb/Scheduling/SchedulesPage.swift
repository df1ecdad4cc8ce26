import DRMCore
import DRMEngine
import Foundation
import Vapor

/// `/schedules`: every schedule with its next runs in its own zone, its last run and status, a pause/resume button,
/// and the form that creates one (with a preview of its next runs before saving); `/schedules/:id`: one schedule's
/// form, next runs and occurrence history. The pages are models (``SchedulesPage/Model``, ``ScheduleShow/Model``)
/// drawn by views.
struct SchedulesPage: RouteCollection {
    /// A job the form offers.
    struct JobChoice: Sendable, Hashable {
        var id: Int
        var name: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.schedules.components, use: list)
        routes.post(SiteRoute.schedules.components, use: create)
        routes.get(SiteRoute.schedule(.parameter).components, use: show)
        routes.post(SiteRoute.schedule(.parameter).components, use: save)
        routes.post(SiteRoute.scheduleToggle(.parameter).components, use: toggle)
    }

    static let notices = [
        "created": "Schedule created.", "saved": "Schedule saved.", "paused": "Schedule paused.",
        "resumed": "Schedule resumed.",
    ]

    func catalog(_ request: Request) -> ScheduleCatalog { request.application.environment.schedules(request.audit) }

    func notice(_ request: Request) -> String? { request.query[String.self, at: "notice"].flatMap { Self.notices[$0] } }

    func list(request: Request) async throws -> HTML {
        try await renderList(request, notice: notice(request))
    }

    func renderList(
        _ request: Request, notice: String? = nil, error: String? = nil, form: ScheduleForm? = nil,
        preview: ScheduleCatalog.Preview? = nil
    ) async throws -> HTML {
        let model = try await Model.load(request, preview: preview)
        return try Layout.page(
            request, .schedules, notice: notice, error: error,
            content: View(model: model, csrf: Layout.csrf(request), form: form).body)
    }

    func create(request: Request) async throws -> Response {
        try await request.require(.init(.schedules, .create))
        let form = try request.content.decode(ScheduleForm.self)
        request.rendersRefusals { message in try await renderList(request, error: message, form: form) }
        let catalog = catalog(request)
        let draft = try form.draft(defaultZone: try await catalog.defaultZone())
        if form.isPreview {
            let preview = try await catalog.preview(draft)
            return try await renderList(request, form: form, preview: preview).encodeResponse(for: request)
        }
        let record = try await catalog.create(draft, createdBy: try request.principal.userID)
        return request.redirect(to: SiteRoute.schedule(.id(record.id)).path(notice: "created"))
    }

    func show(request: Request) async throws -> HTML {
        try await renderOne(request, id: try request.id(of: "schedule"), notice: notice(request))
    }

    func renderOne(
        _ request: Request, id: Int, notice: String? = nil, error: String? = nil, form: ScheduleForm? = nil,
        preview: ScheduleCatalog.Preview? = nil
    ) async throws -> HTML {
        let model = try await ScheduleShow.Model.load(request, id: id, preview: preview)
        return try Layout.page(
            request, .schedule(.id(id)), notice: notice, error: error,
            content: ScheduleShow.View(model: model, csrf: Layout.csrf(request), form: form).body)
    }

    func save(request: Request) async throws -> Response {
        try await request.require(.init(.schedules, .update))
        let id = try request.id(of: "schedule")
        let form = try request.content.decode(ScheduleForm.self)
        request.rendersRefusals { message in try await renderOne(request, id: id, error: message, form: form) }
        let catalog = catalog(request)
        let stored = try await catalog.find(id)
        let draft = try form.draft(keeping: stored.draft, defaultZone: try await catalog.defaultZone())
        if form.isPreview {
            let preview = try await catalog.preview(draft)
            return try await renderOne(request, id: id, form: form, preview: preview).encodeResponse(for: request)
        }
        _ = try await catalog.update(id, draft)
        return request.redirect(to: SiteRoute.schedule(.id(id)).path(notice: "saved"))
    }

    /// Pauses an active schedule, resumes a paused one.
    func toggle(request: Request) async throws -> Response {
        try await request.require(.init(.schedules, .update))
        let id = try request.id(of: "schedule")
        request.rendersRefusals { message in try await renderList(request, error: message) }
        let catalog = catalog(request)
        if try await catalog.find(id).status == .paused {
            _ = try await catalog.resume(id)
            return request.redirect(to: SiteRoute.schedules.path(notice: "resumed"))
        }
        _ = try await catalog.pause(id, reason: "paused in the web UI")
        return request.redirect(to: SiteRoute.schedules.path(notice: "paused"))
    }
}
