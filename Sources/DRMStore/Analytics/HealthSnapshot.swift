public import DRMCore
public import FluentKit
import Foundation

/// A row of `system_health_snapshots`: periodic platform health snapshot.
public final class HealthSnapshot: Model, @unchecked Sendable {
    public static let schema = "system_health_snapshots"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "timestamp") public var timestamp: Date
    @OptionalField(key: "active_jobs") public var activeJobs: Int?
    @OptionalField(key: "queued_jobs") public var queuedJobs: Int?
    @OptionalField(key: "total_targets") public var totalTargets: Int?
    @OptionalField(key: "healthy_targets") public var healthyTargets: Int?
    @OptionalField(key: "warning_targets") public var warningTargets: Int?
    @OptionalField(key: "critical_targets") public var criticalTargets: Int?
    @OptionalField(key: "cpu_usage_percent") public var cpuUsagePercent: Double?
    @OptionalField(key: "memory_usage_percent") public var memoryUsagePercent: Double?
    @OptionalField(key: "disk_usage_percent") public var diskUsagePercent: Double?
    @OptionalField(key: "network_io_mbps") public var networkIoMbps: Double?
    @OptionalField(key: "job_queue_size") public var jobQueueSize: Int?
    @OptionalField(key: "avg_queue_wait_time") public var avgQueueWaitTime: Double?
    @OptionalField(key: "system_data") public var systemData: JSONValue?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
