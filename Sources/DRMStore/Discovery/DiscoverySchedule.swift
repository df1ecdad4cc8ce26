import DRMCore
public import FluentKit
import Foundation

/// A row of `discovery_schedules`: cron-driven discovery (database/init/05 shape).
public final class DiscoverySchedule: Model, @unchecked Sendable {
    public static let schema = "discovery_schedules"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "schedule_uuid") public var scheduleUUID: UUID
    @Field(key: "schedule_serial") public var scheduleSerial: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var description: String?
    @Field(key: "template_id") public var templateID: Int
    @Field(key: "cron_expression") public var cronExpression: String
    @OptionalField(key: "is_active") public var isActive: Bool?
    @OptionalField(key: "last_run") public var lastRun: Date?
    @OptionalField(key: "next_run") public var nextRun: Date?
    @Field(key: "created_by") public var createdBy: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
