public import DRMCore
public import FluentKit
import Foundation

/// A row of `celery_metrics_snapshots`: periodic worker metrics.
public final class QueueMetricsSnapshot: Model, @unchecked Sendable {
    public static let schema = "celery_metrics_snapshots"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "snapshot_uuid") public var snapshotUUID: UUID
    @Field(key: "snapshot_serial") public var snapshotSerial: String
    @Field(key: "worker_name") public var workerName: String
    @OptionalField(key: "active_tasks") public var activeTasks: Int?
    @OptionalField(key: "processed_tasks") public var processedTasks: Int?
    @OptionalField(key: "failed_tasks") public var failedTasks: Int?
    @OptionalField(key: "retried_tasks") public var retriedTasks: Int?
    @OptionalField(key: "queue_lengths") public var queueLengths: JSONValue?
    @OptionalField(key: "worker_stats") public var workerStats: JSONValue?
    @OptionalField(key: "system_load") public var systemLoad: JSONValue?
    @OptionalField(key: "memory_usage") public var memoryUsage: JSONValue?
    @OptionalField(key: "snapshot_time") public var snapshotTime: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
