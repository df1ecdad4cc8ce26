import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// `POST /api/v1/auth/login`.
struct LoginRequest: Content {
    var username: String
    var password: String

    func validate() throws {
        guard !username.isEmpty else { throw APIError.invalid("username", "username is required") }
        guard !password.isEmpty else { throw APIError.invalid("password", "password is required") }
    }
}

/// `POST /api/v1/auth/refresh`.
struct RefreshRequest: Content {
    var refreshToken: String

    enum CodingKeys: String, CodingKey {
        case refreshToken = "refresh_token"
    }
}

/// The tokens of a log-in or refresh.
struct TokenResponse: Content {
    var accessToken: String
    var tokenType = "Bearer"
    var expiresIn: Int
    var refreshToken: String
    var user: UserResponse

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case refreshToken = "refresh_token"
        case user
    }
}

/// A user as the API shows it: never the password hash.
struct UserResponse: Content {
    var id: Int
    var username: String
    var email: String
    var role: UserRole
    var isActive: Bool
    var lastLogin: Date?
    var createdAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, username, email, role
        case isActive = "is_active"
        case lastLogin = "last_login"
        case createdAt = "created_at"
    }

    init(_ user: User) throws {
        id = try user.savedID
        username = user.username
        email = user.email
        role = user.role
        isActive = user.isActive
        lastLogin = user.lastLogin
        createdAt = user.createdAt
    }
}
