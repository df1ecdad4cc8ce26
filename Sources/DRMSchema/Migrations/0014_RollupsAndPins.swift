// Shipped migrations are never edited: add a new one instead.
extension Migration {
    /// execution rollups in performance_metrics, pinned executions
    static let m0014 = Migration(
        "0014",
        "execution rollups in performance_metrics, pinned executions",
        up: [
            .addColumn(table: "performance_metrics", Column("subject_id", .integer, null: false, default: .int(0))),
            .addColumn(
                table: "performance_metrics", Column("timed_out_count", .integer, null: false, default: .int(0))),
            .addColumn(
                table: "performance_metrics", Column("cancelled_count", .integer, null: false, default: .int(0))),
            .addColumn(table: "performance_metrics", Column("p50_duration", .doublePrecision)),
            .addColumn(
                table: "performance_metrics", Column("duration_count", .integer, null: false, default: .int(0))),
            .addColumn(table: "performance_metrics", Column("duration_sum", .doublePrecision)),
            .addColumn(table: "performance_metrics", Column("duration_histogram", .text)),
            .addColumn(table: "performance_metrics", Column("updated_at", .timestamptz)),
            .createIndex(
                table: "performance_metrics",
                Index(
                    "idx_performance_metrics_rollup", ["metric_type", "aggregation_period", "subject_id", "timestamp"],
                    unique: true)),
            .addColumn(table: "job_executions", Column("pinned_at", .timestamptz)),
            .createIndex(table: "job_executions", Index("idx_job_executions_completed_at", ["completed_at"])),
        ],
        down: [
            .dropIndex(table: "job_executions", name: "idx_job_executions_completed_at"),
            .dropColumn(table: "job_executions", column: "pinned_at"),
            .dropIndex(table: "performance_metrics", name: "idx_performance_metrics_rollup"),
            .dropColumn(table: "performance_metrics", column: "updated_at"),
            .dropColumn(table: "performance_metrics", column: "duration_histogram"),
            .dropColumn(table: "performance_metrics", column: "duration_sum"),
            .dropColumn(table: "performance_metrics", column: "duration_count"),
            .dropColumn(table: "performance_metrics", column: "p50_duration"),
            .dropColumn(table: "performance_metrics", column: "cancelled_count"),
            .dropColumn(table: "performance_metrics", column: "timed_out_count"),
            .dropColumn(table: "performance_metrics", column: "subject_id"),
        ]
    )
}
