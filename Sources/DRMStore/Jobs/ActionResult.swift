public import DRMCore
public import FluentKit
import Foundation

/// A row of `job_action_results`: result of one action on one branch (target).
public final class ActionResult: Model, @unchecked Sendable {
    public static let schema = "job_action_results"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "branch_id") public var branchID: Int
    @Field(key: "action_id") public var actionID: Int
    @OptionalField(key: "action_serial") public var actionSerial: String?
    @Field(key: "action_order") public var actionOrder: Int
    @Field(key: "action_name") public var actionName: String
    @Enum(key: "action_type") public var actionType: ActionType
    @Enum(key: "status") public var status: ExecutionStatus
    @OptionalField(key: "started_at") public var startedAt: Date?
    @OptionalField(key: "completed_at") public var completedAt: Date?
    @OptionalField(key: "execution_time_ms") public var executionTimeMs: Int?
    @OptionalField(key: "result_output") public var resultOutput: String?
    @OptionalField(key: "result_error") public var resultError: String?
    @OptionalField(key: "exit_code") public var exitCode: Int?
    @OptionalField(key: "command_executed") public var commandExecuted: String?
    /// Whether the output was cut at the cap (the cap is in the execution's log).
    @Field(key: "output_truncated") public var outputTruncated: Bool
    /// How many times the action was tried.
    @Field(key: "attempts") public var attempts: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
