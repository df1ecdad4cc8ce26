import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/sessions`: the signed-in user's sessions (an administrator's: everyone's), each of which can be ended. The
/// page is a model (``SessionsPage/Model``) drawn by a view (``SessionsPage/View``).
struct SessionsPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.sessions.components, use: show)
        routes.post(SiteRoute.sessionEnd(.parameter).components, use: end)
    }

    func show(request: Request) async throws -> HTML {
        let model = try await Model.load(request)
        let notice = request.query[String.self, at: "notice"] == "ended" ? "Session ended." : nil
        return try Layout.page(
            request, .sessions, notice: notice, content: try View(model: model, csrf: Layout.csrf(request)).body)
    }

    func end(request: Request) async throws -> Response {
        let principal = try await request.require(.sessions)
        try await request.require(.init(.sessions, .delete))
        let id = try request.id(of: "session")
        try await request.authSessions.end(sessionID: id, by: principal)
        return request.redirect(
            to: id == principal.sessionID ? SiteRoute.login.path : SiteRoute.sessions.path(notice: "ended"))
    }
}
