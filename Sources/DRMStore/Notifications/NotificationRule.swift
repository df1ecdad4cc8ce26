public import DRMCore
public import FluentKit
import Foundation

/// A row of `notification_rules`: which events of a job (or of every job) go to which destination.
public final class NotificationRule: Model, @unchecked Sendable {
    public static let schema = "notification_rules"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "name") public var name: String
    @OptionalField(key: "job_id") public var jobID: Int?
    @Field(key: "events") public var events: JSONValue
    @Field(key: "destination_id") public var destinationID: Int
    @OptionalField(key: "template_id") public var templateID: Int?
    @OptionalField(key: "recipients") public var recipients: JSONValue?
    @Field(key: "is_active") public var isActive: Bool
    @OptionalField(key: "created_by") public var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
