import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/users`: the accounts and their roles; administrators create, change and disable them here.
struct UsersPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.users.components, use: show)
        routes.post(SiteRoute.users.components, use: create)
        routes.post(SiteRoute.user(.parameter).components, use: update)
    }

    func show(request: Request) async throws -> HTML {
        try await render(request, notice: request.query[String.self, at: "notice"].flatMap { Self.notices[$0] })
    }

    static let notices = ["created": "User created.", "updated": "User updated."]

    func render(_ request: Request, notice: String? = nil, error: String? = nil) async throws -> HTML {
        let principal = try await request.require(.users)
        let canEdit = PermissionTable.allows(principal.user.role, .init(.users, .update))
        let users = try await request.users.all()
        let roles = UserRole.allCases
        let rows = try users.map { user -> HTML in
            let id = try user.savedID
            let controls: HTML =
                canEdit
                ? """
                <td><form method="post" action="\(SiteRoute.user(.id(id)).path)" class="inline">\(Layout.csrf(request))
                <select name="role" aria-label="Role of \(user.username)">\(roles.map { "<option\(HTML.flag("selected", $0 == user.role))>\($0.rawValue)</option>" as HTML })</select>
                <label class="inline"><input type="checkbox" name="is_active" value="true"\(HTML.flag("checked", user.isActive))> active</label>
                <input type="password" name="password" placeholder="new password" autocomplete="new-password" aria-label="New password of \(user.username)">
                <button>Save</button></form></td>
                """ : ""
            return """
                <tr><td>\(user.username)</td><td>\(user.email)</td><td>\(user.role.rawValue)</td>
                <td>\(user.isActive ? "yes" : "no")</td><td>\(Layout.time(user.lastLogin))</td><td>\(Layout.time(user.createdAt))</td>\(controls)</tr>
                """
        }
        let createForm: HTML =
            PermissionTable.allows(principal.user.role, .init(.users, .create))
            ? """
            <h2>New user</h2><form method="post" action="\(SiteRoute.users.path)" class="card">\(Layout.csrf(request))
            <label>User name<input name="username" required></label><label>E-mail<input name="email" type="email" required></label>
            <label>Password<input name="password" type="password" autocomplete="new-password" required></label>
            <label>Role<select name="role">\(roles.map { "<option>\($0.rawValue)</option>" as HTML })</select></label>
            <button>Create user</button></form>
            """ : ""
        let matrix = Self.permissionMatrix()
        return try Layout.page(
            request, .users, notice: notice, error: error,
            content: """
                \(createForm)
                <table id="users"><thead><tr><th>User</th><th>E-mail</th><th>Role</th><th>Active</th><th>Last log-in</th><th>Created</th>\(canEdit ? "<th>Change</th>" as HTML : "")</tr></thead>
                <tbody>\(rows)</tbody></table>
                <h2>Roles</h2>\(matrix)
                """)
    }

    /// The role × resource table, from ``PermissionTable``.
    static func permissionMatrix() -> HTML {
        let header = UserRole.allCases.map { "<th>\($0.rawValue)</th>" as HTML }
        let rows = Permission.Resource.allCases.map { resource -> HTML in
            let cells = UserRole.allCases.map { role -> HTML in
                let actions = Permission.Action.allCases.filter { PermissionTable.allows(role, .init(resource, $0)) }
                return "<td>\(actions.isEmpty ? "—" : actions.map(\.rawValue).joined(separator: ", "))</td>"
            }
            return "<tr><th>\(resource.rawValue)</th>\(cells)</tr>"
        }
        return "<table id=\"roles\"><thead><tr><th>Resource</th>\(header)</tr></thead><tbody>\(rows)</tbody></table>"
    }

    struct CreateForm: Content {
        var username: String
        var email: String
        var password: String
        var role: String
    }

    func create(request: Request) async throws -> Response {
        try await request.require(.init(.users, .create))
        let form = try request.content.decode(CreateForm.self)
        guard let role = UserRole(rawValue: form.role) else {
            return try await render(request, error: "Role must be one of the four roles.").encodeResponse(
                status: .unprocessableEntity)
        }
        request.rendersRefusals { message in try await render(request, error: message) }
        try await request.userAccounts
            .create(username: form.username, email: form.email, password: form.password, role: role)
        return request.redirect(to: SiteRoute.users.path(notice: "created"))
    }

    struct UpdateForm: Content {
        var role: String?
        var is_active: String?
        var password: String?
    }

    func update(request: Request) async throws -> Response {
        try await request.require(.init(.users, .update))
        guard let user = try await request.users.find(try request.id(of: "user")) else {
            throw Abort(.notFound, reason: "No such user")
        }
        let form = try request.content.decode(UpdateForm.self)
        let role = form.role.flatMap(UserRole.init(rawValue:))
        let isActive = form.is_active == "true"
        let password = form.password.flatMap { $0.isEmpty ? nil : $0 }
        if try user.savedID == request.principal.userID,
            !isActive || (role != nil && role != .administrator)
        {
            return try await render(
                request, error: "You can't disable your own account or give up your administrator role."
            )
            .encodeResponse(status: .conflict)
        }
        request.rendersRefusals { message in try await render(request, error: message) }
        try await request.userAccounts.update(
            user, role: role, isActive: isActive, password: password, keepingSession: try request.principal.sessionID)
        return request.redirect(to: SiteRoute.users.path(notice: "updated"))
    }
}
