import DRMCore
import DRMEngine
import Vapor

/// `/api/v1/auth`: log in, refresh, log out, who am I.
struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let auth = routes.grouped("api", "v1", "auth")
        auth.endpoint(
            .POST, "login", access: .anyone, summary: "Log in: access and refresh tokens",
            body: Schema.object(
                ["username": Schema.string, "password": Schema.string], required: ["username", "password"]), use: login
        )
        auth.endpoint(
            .POST, "refresh", access: .anyone, summary: "Trade a refresh token for new tokens",
            body: Schema.object(["refresh_token": Schema.string], required: ["refresh_token"]), use: refresh
        )
        auth.endpoint(.POST, "logout", access: .signedIn, summary: "End this session", success: .noContent, use: logout)
        auth.endpoint(.GET, "me", access: .signedIn, summary: "The signed-in user", use: me)
    }

    func login(request: Request) async throws -> TokenResponse {
        let body = try request.content.decode(LoginRequest.self)
        try body.validate()
        let grant = try await request.logIn(username: body.username, password: body.password)
        return try TokenResponse(grant)
    }

    func refresh(request: Request) async throws -> TokenResponse {
        let body = try request.content.decode(RefreshRequest.self)
        return try TokenResponse(try await request.authSessions.refresh(body.refreshToken))
    }

    func logout(request: Request) async throws -> HTTPStatus {
        try await request.authSessions.logout(try request.principal)
        return .noContent
    }

    func me(request: Request) async throws -> UserResponse {
        try UserResponse(try request.principal.user)
    }
}

extension TokenResponse {
    init(_ grant: AuthSessions.Grant) throws {
        self.init(
            accessToken: grant.accessToken, expiresIn: grant.expiresIn, refreshToken: grant.refreshToken,
            user: try UserResponse(grant.user))
    }
}
