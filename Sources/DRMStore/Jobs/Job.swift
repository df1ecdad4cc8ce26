public import DRMCore
public import FluentKit
import Foundation

/// A row of `jobs`: automation job definitions.
public final class Job: Model, @unchecked Sendable {
    public static let schema = "jobs"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "job_uuid") public var jobUUID: UUID
    @Field(key: "job_serial") public var jobSerial: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var description: String?
    @Enum(key: "job_type") public var jobType: JobType
    @Enum(key: "status") public var status: JobStatus
    @Field(key: "priority") public var priority: Int
    @OptionalField(key: "timeout") public var timeout: Int?
    @Field(key: "retry_count") public var retryCount: Int
    @Field(key: "is_deleted") public var isDeleted: Bool
    @OptionalField(key: "deleted_at") public var deletedAt: Date?
    @OptionalField(key: "deleted_by") public var deletedBy: Int?
    @Field(key: "created_by") public var createdBy: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @OptionalField(key: "scheduled_at") public var scheduledAt: Date?
    @OptionalField(key: "started_at") public var startedAt: Date?
    @OptionalField(key: "completed_at") public var completedAt: Date?
    /// The declared run-time options (`[JobOption]` as JSON).
    @Field(key: "options") public var options: JSONValue
    /// A saved target filter, resolved when the job runs (instead of, or beside, its `job_targets`).
    @OptionalField(key: "target_filter") public var targetFilter: String?
    /// How many targets of one execution run at once.
    @Field(key: "parallelism") public var parallelism: Int
    /// `continue` (other branches go on after one fails) or `stop` (the rest are skipped).
    @Field(key: "failure_policy") public var failurePolicy: String
    /// A job made for one ad-hoc command (`enabledrm run`), not listed with the others.
    @Field(key: "is_adhoc") public var isAdhoc: Bool

    public init() {}
}
