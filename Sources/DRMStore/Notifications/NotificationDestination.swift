public import DRMCore
public import FluentKit
import Foundation

/// A row of `notification_destinations`: a webhook or email destination (secrets encrypted by the vault).
public final class NotificationDestination: Model, @unchecked Sendable {
    public static let schema = "notification_destinations"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "destination_uuid") public var destinationUUID: UUID
    @Field(key: "name") public var name: String
    @Enum(key: "destination_type") public var destinationType: NotificationType
    @Field(key: "config") public var config: JSONValue
    @OptionalField(key: "secret_encrypted") public var secretEncrypted: String?
    @OptionalField(key: "previous_secret_encrypted") public var previousSecretEncrypted: String?
    @Field(key: "is_enabled") public var isEnabled: Bool
    @OptionalField(key: "disabled_reason") public var disabledReason: String?
    @Field(key: "consecutive_failures") public var consecutiveFailures: Int
    @OptionalField(key: "created_by") public var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
