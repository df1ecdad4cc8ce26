public import DRMCore
public import FluentKit
import Foundation

/// A row of `job_executions`: one run of a job.
public final class Execution: Model, @unchecked Sendable {
    public static let schema = "job_executions"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "job_id") public var jobID: Int
    @Field(key: "execution_uuid") public var executionUUID: UUID
    @Field(key: "execution_serial") public var executionSerial: String
    @Field(key: "execution_number") public var executionNumber: Int
    @Enum(key: "status") public var status: ExecutionStatus
    @OptionalField(key: "scheduled_at") public var scheduledAt: Date?
    @OptionalField(key: "started_at") public var startedAt: Date?
    @OptionalField(key: "completed_at") public var completedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    /// The run's resolved parameters (an object).
    @OptionalField(key: "parameters") public var parameters: JSONValue?
    /// What started it: `manual`, `adhoc`, `rerun`, `schedule`.
    @Field(key: "trigger") public var trigger: String
    @OptionalField(key: "triggered_by") public var triggeredBy: Int?
    /// Set when someone asked to cancel; the worker running it stops its branches.
    @OptionalField(key: "cancel_requested_at") public var cancelRequestedAt: Date?
    /// Why the whole execution failed, when that wasn't one branch's doing (time-out, worker lost).
    @OptionalField(key: "error_message") public var errorMessage: String?
    /// Set when someone pinned it: retention never deletes a pinned execution.
    @OptionalField(key: "pinned_at") public var pinnedAt: Date?

    public init() {}
}
