import DRMCore
import DRMEngine
import Vapor

/// `POST /api/v1/users`.
struct CreateUserRequest: Content {
    var username: String
    var email: String
    var password: String
    var role: UserRole
}

/// `PATCH /api/v1/users/:id`: only the fields given change.
struct UpdateUserRequest: Content {
    var email: String?
    var role: UserRole?
    var isActive: Bool?
    var password: String?

    enum CodingKeys: String, CodingKey {
        case email, role, password
        case isActive = "is_active"
    }
}

/// A session as the API shows it: never its token.
struct SessionResponse: Content {
    var id: Int
    var userID: Int
    var ipAddress: String?
    var userAgent: String?
    var createdAt: Date?
    var lastActivity: Date?
    var expiresAt: Date
    var current: Bool

    enum CodingKeys: String, CodingKey {
        case id, current
        case userID = "user_id"
        case ipAddress = "ip_address"
        case userAgent = "user_agent"
        case createdAt = "created_at"
        case lastActivity = "last_activity"
        case expiresAt = "expires_at"
    }
}
