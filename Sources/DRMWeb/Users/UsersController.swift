import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/api/v1/users`: the accounts, for administrators to manage and everyone to look up.
struct UsersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("api", "v1", "users")
        let roles = Schema.oneOf(UserRole.allCases.map(\.rawValue))
        users.endpoint(
            .GET, access: .permission(.init(.users, .read)), summary: "List users (filter: role, active, q)",
            query: [
                "page": Schema.integer(1...1_000_000), "per_page": Schema.integer(1...200), "role": roles,
                "active": Schema.boolean,
                "q": Schema.string,
                "sort": Schema.oneOf([
                    "username", "-username", "created_at", "-created_at", "last_login", "-last_login",
                ]),
            ],
            use: list
        )
        users.endpoint(
            .POST, access: .permission(.init(.users, .create)), summary: "Create a user",
            body: Schema.object(
                ["username": Schema.string, "email": Schema.string, "password": Schema.string, "role": roles],
                required: ["username", "email", "password", "role"]
            ),
            returns: UserResponse.self, use: create
        )
        users.endpoint(.GET, ":id", access: .permission(.init(.users, .read)), summary: "One user", use: show)
        users.endpoint(
            .PATCH, ":id", access: .permission(.init(.users, .update)),
            summary: "Change a user's e-mail, role, state or password",
            body: Schema.object([
                "email": Schema.string, "role": roles, "is_active": Schema.boolean, "password": Schema.string,
            ]),
            use: update
        )
    }

    func list(request: Request) async throws -> Page<UserResponse> {
        let page = try PageRequest(request)
        var filter = UserQueries.Filter()
        if let role = request.query[String.self, at: "role"] {
            guard let role = UserRole(rawValue: role) else {
                throw APIError(
                    .badRequest, code: "invalid_query",
                    message: "role must be one of \(UserRole.allCases.map(\.rawValue).joined(separator: ", "))",
                    field: "role")
            }
            filter.role = role
        }
        filter.isActive = try PageRequest.flag(request, "active")
        filter.text = request.query[String.self, at: "q"]
        let sortText = request.query[String.self, at: "sort"] ?? "username"
        guard let sort = UserQueries.Sort(rawValue: String(sortText.drop(while: { $0 == "-" }))) else {
            throw APIError(
                .badRequest, code: "invalid_query",
                message: "sort must be username, created_at or last_login (prefix - to reverse)", field: "sort")
        }
        let (users, total) = try await request.users.page(
            filter, sort: sort, descending: sortText.hasPrefix("-"), offset: page.offset, limit: page.perPage)
        return Page(items: try users.map(UserResponse.init), page: page.page, perPage: page.perPage, total: total)
    }

    func create(request: Request) async throws -> Response {
        let body = try request.content.decode(CreateUserRequest.self)
        let user = try await request.userAccounts
            .create(username: body.username, email: body.email, password: body.password, role: body.role)
        return try await UserResponse(user).encodeResponse(status: .created, for: request)
    }

    func show(request: Request) async throws -> UserResponse {
        guard let user = try await request.users.find(try request.id(of: "user")) else {
            throw APIError.notFound("user")
        }
        return try UserResponse(user)
    }

    func update(request: Request) async throws -> UserResponse {
        guard let user = try await request.users.find(try request.id(of: "user")) else {
            throw APIError.notFound("user")
        }
        let body = try request.content.decode(UpdateUserRequest.self)
        // An administrator can't lock themselves out: someone else has to.
        if try user.savedID == request.principal.userID {
            if body.isActive == false { throw APIError.conflict("is_active", "you can't disable your own account") }
            if let role = body.role, role != .administrator {
                throw APIError.conflict("role", "you can't give up your own administrator role")
            }
        }
        try await request.userAccounts.update(
            user, email: body.email, role: body.role, isActive: body.isActive, password: body.password,
            keepingSession: try request.principal.sessionID)
        return try UserResponse(user)
    }
}
