public import DRMCore
public import FluentKit
import Foundation

/// A row of `celery_task_history`: finished/observed background tasks.
public final class TaskRecord: Model, @unchecked Sendable {
    public static let schema = "celery_task_history"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "task_uuid") public var taskUUID: UUID
    @Field(key: "task_serial") public var taskSerial: String
    @Field(key: "task_id") public var taskID: String
    @Field(key: "task_name") public var taskName: String
    @Enum(key: "status") public var status: TaskStatus
    @OptionalField(key: "result") public var result: String?
    @OptionalField(key: "traceback") public var traceback: String?
    @OptionalField(key: "args") public var args: JSONValue?
    @OptionalField(key: "kwargs") public var kwargs: JSONValue?
    @OptionalField(key: "eta") public var eta: Date?
    @OptionalField(key: "expires") public var expires: Date?
    @OptionalField(key: "retries") public var retries: Int?
    @OptionalField(key: "max_retries") public var maxRetries: Int?
    @OptionalField(key: "queue") public var queue: String?
    @OptionalField(key: "routing_key") public var routingKey: String?
    @OptionalField(key: "worker") public var worker: String?
    @OptionalField(key: "started_at") public var startedAt: Date?
    @OptionalField(key: "completed_at") public var completedAt: Date?
    @OptionalField(key: "runtime_seconds") public var runtimeSeconds: Decimal?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    /// Until when the worker that claimed the task holds it; past that, the task is taken back.
    @OptionalField(key: "lease_expires_at") public var leaseExpiresAt: Date?

    public init() {}
}
