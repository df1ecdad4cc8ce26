public import DRMCore
public import FluentKit
import Foundation

/// A row of `alert_rules`: alerting rules for notifications (07_notification_tables shape; the 04 metric-threshold shape lives in `analytics_alert_rules`).
public final class AlertRule: Model, @unchecked Sendable {
    public static let schema = "alert_rules"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "rule_uuid") public var ruleUUID: UUID
    @Field(key: "rule_serial") public var ruleSerial: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var description: String?
    @Field(key: "rule_type") public var ruleType: String
    @Field(key: "condition_config") public var conditionConfig: JSONValue
    @Enum(key: "severity") public var severity: AlertSeverity
    @Field(key: "is_active") public var isActive: Bool
    @OptionalField(key: "notification_template_id") public var notificationTemplateID: Int?
    @OptionalField(key: "cooldown_minutes") public var cooldownMinutes: Int?
    @Field(key: "created_by") public var createdBy: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
