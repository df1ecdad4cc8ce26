public import DRMCore
public import FluentKit
import Foundation

/// A row of `alert_logs`: triggered alerts.
public final class AlertLog: Model, @unchecked Sendable {
    public static let schema = "alert_logs"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "alert_uuid") public var alertUUID: UUID
    @Field(key: "alert_serial") public var alertSerial: String
    @Field(key: "alert_rule_id") public var alertRuleID: Int
    @Field(key: "alert_type") public var alertType: String
    @Enum(key: "severity") public var severity: AlertSeverity
    @Enum(key: "status") public var status: AlertStatus
    @Field(key: "title") public var title: String
    @Field(key: "message") public var message: String
    @OptionalField(key: "triggered_at") public var triggeredAt: Date?
    @OptionalField(key: "acknowledged_at") public var acknowledgedAt: Date?
    @OptionalField(key: "acknowledged_by") public var acknowledgedBy: Int?
    @OptionalField(key: "resolved_at") public var resolvedAt: Date?
    @OptionalField(key: "resolved_by") public var resolvedBy: Int?
    @OptionalField(key: "context_data") public var contextData: JSONValue?
    @Field(key: "notification_sent") public var notificationSent: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
