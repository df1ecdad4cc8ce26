public import DRMCore
public import FluentKit
import Foundation

/// A row of `notification_templates`: message templates (database/init/07 shape).
public final class NotificationTemplate: Model, @unchecked Sendable {
    public static let schema = "notification_templates"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "template_uuid") public var templateUUID: UUID
    @Field(key: "template_serial") public var templateSerial: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var description: String?
    @Enum(key: "notification_type") public var notificationType: NotificationType
    @Field(key: "template_config") public var templateConfig: JSONValue
    @OptionalField(key: "subject_template") public var subjectTemplate: String?
    @Field(key: "body_template") public var bodyTemplate: String
    @OptionalField(key: "is_active") public var isActive: Bool?
    @Field(key: "created_by") public var createdBy: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
