public import DRMCore
public import FluentKit
import Foundation

/// A row of `performance_metrics`: aggregated time-series metrics.
public final class PerformanceMetric: Model, @unchecked Sendable {
    public static let schema = "performance_metrics"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "metric_type") public var metricType: String
    @Field(key: "aggregation_period") public var aggregationPeriod: String
    @Field(key: "timestamp") public var timestamp: Date
    @OptionalField(key: "job_id") public var jobID: Int?
    @OptionalField(key: "target_id") public var targetID: Int?
    @OptionalField(key: "count") public var count: Int?
    @OptionalField(key: "success_count") public var successCount: Int?
    @OptionalField(key: "failure_count") public var failureCount: Int?
    @OptionalField(key: "avg_duration") public var avgDuration: Double?
    @OptionalField(key: "min_duration") public var minDuration: Double?
    @OptionalField(key: "max_duration") public var maxDuration: Double?
    @OptionalField(key: "p95_duration") public var p95Duration: Double?
    @OptionalField(key: "success_rate") public var successRate: Decimal?
    @OptionalField(key: "metric_data") public var metricData: JSONValue?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
