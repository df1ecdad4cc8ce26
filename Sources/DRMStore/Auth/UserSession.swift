import DRMCore
public import FluentKit
import Foundation

/// A row of `user_sessions`: session records (legacy; live sessions are in Redis).
public final class UserSession: Model, @unchecked Sendable {
    public static let schema = "user_sessions"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "user_id") public var userID: Int
    @Field(key: "session_token") public var sessionToken: String
    @OptionalField(key: "ip_address") public var ipAddress: String?
    @OptionalField(key: "user_agent") public var userAgent: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "last_activity") public var lastActivity: Date?
    /// The digest of the refresh token this session rotated away from: presenting it again ends the session.
    @OptionalField(key: "previous_session_token") public var previousSessionToken: String?

    public init() {}
}
