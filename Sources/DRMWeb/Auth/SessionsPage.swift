import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/sessions`: the signed-in user's sessions (an administrator's: everyone's), each of which can be ended.
struct SessionsPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.sessions.components, use: show)
        routes.post(SiteRoute.sessionEnd(.parameter).components, use: end)
    }

    func show(request: Request) async throws -> HTML {
        let principal = try await request.require(.sessions)
        let isAdministrator = principal.user.role == .administrator
        let sessions = try await request.sessions.list(
            userID: isAdministrator ? nil : try principal.userID, liveAt: Date())
        let names = try await request.users.names()
        let rows = try sessions.map { session -> HTML in
            let id = try session.savedID
            let current = id == principal.sessionID
            return """
                <tr><td>\(names[session.userID] ?? "?")</td><td>\(session.ipAddress)</td><td><code>\(session.userAgent.map { String($0.prefix(80)) })</code></td>
                <td>\(Layout.time(session.createdAt))</td><td>\(Layout.time(session.lastActivity))</td><td>\(Layout.time(session.expiresAt))</td>
                <td>\(current ? "this session" : "")</td>
                <td><form method="post" action="\(SiteRoute.sessionEnd(.id(id)).path)" class="inline" data-confirm="End this session?">\(Layout.csrf(request))<button class="danger">End</button></form></td></tr>
                """
        }
        let notice = request.query[String.self, at: "notice"] == "ended" ? "Session ended." : nil
        return try Layout.page(
            request, .sessions, notice: notice,
            content: """
                <table id="sessions"><thead><tr><th>User</th><th>Address</th><th>Browser</th><th>Started</th><th>Last active</th><th>Expires</th><th></th><th></th></tr></thead>
                <tbody>\(rows)</tbody></table>
                """)
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
