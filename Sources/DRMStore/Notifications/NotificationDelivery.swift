public import DRMCore
public import FluentKit
import Foundation

/// A row of `notification_deliveries`: one message to one destination in the outbox, and its state.
public final class NotificationDelivery: Model, @unchecked Sendable {
    public static let schema = "notification_deliveries"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "delivery_uuid") public var deliveryUUID: UUID
    @Field(key: "destination_id") public var destinationID: Int
    @OptionalField(key: "rule_id") public var ruleID: Int?
    @Field(key: "event_type") public var eventType: String
    @OptionalField(key: "job_execution_id") public var jobExecutionID: Int?
    @Field(key: "context_data") public var contextData: JSONValue
    @OptionalField(key: "subject") public var subject: String?
    @Field(key: "body") public var body: String
    @OptionalField(key: "html_body") public var htmlBody: String?
    @Field(key: "status") public var status: String
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "max_attempts") public var maxAttempts: Int
    @OptionalField(key: "next_attempt_at") public var nextAttemptAt: Date?
    @OptionalField(key: "last_response_code") public var lastResponseCode: Int?
    @OptionalField(key: "last_error") public var lastError: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "delivered_at") public var deliveredAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
