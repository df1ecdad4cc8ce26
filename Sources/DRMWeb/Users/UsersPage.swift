import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/users`: the accounts and their roles; administrators create, change and disable them here. The page is a
/// model (``UsersPage/Model``) drawn by a view (``UsersPage/View``).
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
        let model = try await Model.load(request)
        return try Layout.page(
            request, .users, notice: notice, error: error,
            content: try View(model: model, csrf: Layout.csrf(request)).body)
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
