public import DRMCore
public import FluentKit
import Foundation

/// A row of `notification_logs`: every notification sent (database/init/07 shape).
public final class NotificationLog: Model, @unchecked Sendable {
    public static let schema = "notification_logs"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "log_uuid") public var logUUID: UUID
    @Field(key: "log_serial") public var logSerial: String
    @OptionalField(key: "template_id") public var templateID: Int?
    @Enum(key: "notification_type") public var notificationType: NotificationType
    @Field(key: "recipient") public var recipient: String
    @OptionalField(key: "subject") public var subject: String?
    @Field(key: "message") public var message: String
    @Enum(key: "status") public var status: NotificationStatus
    @OptionalField(key: "sent_at") public var sentAt: Date?
    @OptionalField(key: "delivered_at") public var deliveredAt: Date?
    @OptionalField(key: "error_message") public var errorMessage: String?
    @OptionalField(key: "retry_count") public var retryCount: Int?
    @OptionalField(key: "max_retries") public var maxRetries: Int?
    @OptionalField(key: "context_data") public var contextData: JSONValue?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "delivery_id") public var deliveryID: Int?
    @OptionalField(key: "attempt") public var attempt: Int?
    @OptionalField(key: "response_code") public var responseCode: Int?
    @OptionalField(key: "latency_ms") public var latencyMS: Int?

    public init() {}
}
