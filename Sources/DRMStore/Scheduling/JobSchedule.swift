public import DRMCore
public import FluentKit
import Foundation

/// A row of `job_schedules`: when a job runs automatically (database/init/06 shape).
public final class JobSchedule: Model, @unchecked Sendable {
    public static let schema = "job_schedules"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "schedule_uuid") public var scheduleUUID: UUID
    @Field(key: "schedule_serial") public var scheduleSerial: String
    @Field(key: "job_id") public var jobID: Int
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var description: String?
    @Enum(key: "schedule_type") public var scheduleType: ScheduleType
    @OptionalField(key: "cron_expression") public var cronExpression: String?
    @OptionalField(key: "interval_seconds") public var intervalSeconds: Int?
    @OptionalField(key: "start_date") public var startDate: Date?
    @OptionalField(key: "end_date") public var endDate: Date?
    @OptionalField(key: "timezone") public var timezone: String?
    @OptionalField(key: "is_active") public var isActive: Bool?
    @Enum(key: "status") public var status: ScheduleStatus
    @OptionalField(key: "max_runs") public var maxRuns: Int?
    @OptionalField(key: "current_runs") public var currentRuns: Int?
    @OptionalField(key: "last_run_at") public var lastRunAt: Date?
    @OptionalField(key: "next_run_at") public var nextRunAt: Date?
    @Field(key: "created_by") public var createdBy: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @OptionalField(key: "schedule_config") public var scheduleConfig: JSONValue?
    @Field(key: "overlap_policy") public var overlapPolicy: String
    @Field(key: "missed_run_policy") public var missedRunPolicy: String
    @Field(key: "catchup_window_seconds") public var catchupWindowSeconds: Int
    @Field(key: "missed_run_cap") public var missedRunCap: Int
    @OptionalField(key: "paused_reason") public var pausedReason: String?
    @OptionalField(key: "parameters") public var parameters: JSONValue?
    @Field(key: "origin") public var origin: String

    public init() {}
}
