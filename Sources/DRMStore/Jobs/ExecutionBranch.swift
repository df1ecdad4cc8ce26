public import DRMCore
public import FluentKit
import Foundation

/// A row of `job_execution_branches`: per-target branch of an execution.
public final class ExecutionBranch: Model, @unchecked Sendable {
    public static let schema = "job_execution_branches"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "job_execution_id") public var jobExecutionID: Int
    @Field(key: "target_id") public var targetID: Int
    @Field(key: "branch_uuid") public var branchUUID: UUID
    @Field(key: "branch_serial") public var branchSerial: String
    @Field(key: "branch_id") public var branchID: String
    @OptionalField(key: "target_serial_ref") public var targetSerialRef: String?
    @Enum(key: "status") public var status: ExecutionStatus
    @OptionalField(key: "scheduled_at") public var scheduledAt: Date?
    @OptionalField(key: "started_at") public var startedAt: Date?
    @OptionalField(key: "completed_at") public var completedAt: Date?
    @OptionalField(key: "result_output") public var resultOutput: String?
    @OptionalField(key: "result_error") public var resultError: String?
    @OptionalField(key: "exit_code") public var exitCode: Int?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
