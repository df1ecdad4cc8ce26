public import DRMCore
public import FluentKit
import Foundation

/// A row of `users`: platform user accounts.
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "username") public var username: String
    @Field(key: "email") public var email: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "role") public var role: UserRole
    @Field(key: "is_active") public var isActive: Bool
    @OptionalField(key: "last_login") public var lastLogin: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
