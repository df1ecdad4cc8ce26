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
    /// The job or target the rollup is about (0 for none).
    @Field(key: "subject_id") public var subjectID: Int
    @Field(key: "timed_out_count") public var timedOutCount: Int
    @Field(key: "cancelled_count") public var cancelledCount: Int
    @OptionalField(key: "p50_duration") public var p50Duration: Double?
    /// How many runs had a duration (started and completed).
    @Field(key: "duration_count") public var durationCount: Int
    @OptionalField(key: "duration_sum") public var durationSum: Double?
    /// The durations as a `DurationHistogram` (JSON text), mergeable across buckets.
    @OptionalField(key: "duration_histogram") public var durationHistogram: String?
    @OptionalField(key: "updated_at") public var updatedAt: Date?

    /// A row whose counts start at zero (what the columns default to).
    public init() {
        subjectID = 0
        timedOutCount = 0
        cancelledCount = 0
        durationCount = 0
    }
}
