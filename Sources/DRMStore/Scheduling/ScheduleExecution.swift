public import DRMCore
public import FluentKit
import Foundation

/// A row of `schedule_executions`: each firing of a schedule.
public final class ScheduleExecution: Model, @unchecked Sendable {
    public static let schema = "schedule_executions"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "execution_uuid") public var executionUUID: UUID
    @Field(key: "execution_serial") public var executionSerial: String
    @Field(key: "job_schedule_id") public var jobScheduleID: Int
    @OptionalField(key: "job_execution_id") public var jobExecutionID: Int?
    @Field(key: "scheduled_at") public var scheduledAt: Date
    @OptionalField(key: "started_at") public var startedAt: Date?
    @OptionalField(key: "completed_at") public var completedAt: Date?
    @Enum(key: "status") public var status: ScheduleExecutionStatus
    @OptionalField(key: "result_summary") public var resultSummary: String?
    @OptionalField(key: "error_message") public var errorMessage: String?
    @OptionalField(key: "execution_context") public var executionContext: JSONValue?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
