public import DRMCore
public import FluentKit
import Foundation

/// A row of `analytics_alert_rules`: threshold rules over performance metrics (04_analytics alert_rules shape, model `analytics_alert_rules`).
public final class AnalyticsAlertRule: Model, @unchecked Sendable {
    public static let schema = "analytics_alert_rules"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var description: String?
    @Field(key: "metric_type") public var metricType: String
    @Field(key: "condition") public var condition: String
    @Field(key: "threshold_value") public var thresholdValue: Double
    @OptionalField(key: "evaluation_period") public var evaluationPeriod: Int?
    @Field(key: "is_active") public var isActive: Bool
    @Enum(key: "severity") public var severity: AlertSeverity
    @OptionalField(key: "notification_channels") public var notificationChannels: JSONValue?
    @OptionalField(key: "last_triggered") public var lastTriggered: Date?
    @OptionalField(key: "trigger_count") public var triggerCount: Int?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
