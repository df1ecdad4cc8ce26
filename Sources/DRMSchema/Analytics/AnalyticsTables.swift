// The declared tables of this domain, with the exact names and types of spec/schema.md. Change them here, then
// write the migration that gets there with `enabledrm db revision --autogenerate`.

extension EnumType {
    /// `alert_severity`.
    public static let alertSeverity = EnumType("alert_severity", ["low", "medium", "high", "critical"])
}

extension Table {
    /// `performance_metrics`: aggregated time-series metrics
    public static let performanceMetrics = Table(
        "performance_metrics",
        columns: [
            Column("id", .serial),
            Column("metric_type", .varchar(50), null: false),
            Column("aggregation_period", .varchar(20), null: false),
            Column("timestamp", .timestamptz, null: false),
            Column("job_id", .integer),
            Column("target_id", .integer),
            Column("count", .integer, default: .int(0)),
            Column("success_count", .integer, default: .int(0)),
            Column("failure_count", .integer, default: .int(0)),
            Column("avg_duration", .doublePrecision),
            Column("min_duration", .doublePrecision),
            Column("max_duration", .doublePrecision),
            Column("p95_duration", .doublePrecision),
            Column("success_rate", .numeric(precision: 5, scale: 2)),
            Column("metric_data", .jsonb),
            Column("created_at", .timestamptz, default: .currentTimestamp),
            // Added by 0014: the rollups of finished executions (`ExecutionRollups`), one row per kind, period,
            // subject (job or target id) and bucket start, with a mergeable histogram of durations.
            Column("subject_id", .integer, null: false, default: .int(0)),
            Column("timed_out_count", .integer, null: false, default: .int(0)),
            Column("cancelled_count", .integer, null: false, default: .int(0)),
            Column("p50_duration", .doublePrecision),
            Column("duration_count", .integer, null: false, default: .int(0)),
            Column("duration_sum", .doublePrecision),
            Column("duration_histogram", .text),
            Column("updated_at", .timestamptz),
        ],
        primaryKey: PrimaryKey("performance_metrics_pkey", ["id"]),
        foreignKeys: [
            ForeignKey("performance_metrics_job_id_fkey", ["job_id"], references: "jobs", onDelete: .cascade),
            ForeignKey(
                "performance_metrics_target_id_fkey", ["target_id"], references: "universal_targets", onDelete: .cascade
            ),
        ],
        checks: [
            CheckConstraint(
                "ck_performance_metrics_counts", postgres: #"(((success_count >= 0) AND (failure_count >= 0)))"#)
        ],
        indexes: [
            Index("idx_performance_metrics_job_time", ["job_id", "timestamp"]),
            Index("idx_performance_metrics_target_time", ["target_id", "timestamp"]),
            Index("idx_performance_metrics_type_period_time", ["metric_type", "aggregation_period", "timestamp"]),
            // 0014: one rollup row per kind, period, subject and bucket (the upsert's conflict target).
            Index(
                "idx_performance_metrics_rollup", ["metric_type", "aggregation_period", "subject_id", "timestamp"],
                unique: true),
        ]
    )

    /// `system_health_snapshots`: periodic platform health snapshot
    public static let systemHealthSnapshots = Table(
        "system_health_snapshots",
        columns: [
            Column("id", .serial),
            Column("timestamp", .timestamptz, null: false),
            Column("active_jobs", .integer, default: .int(0)),
            Column("queued_jobs", .integer, default: .int(0)),
            Column("total_targets", .integer, default: .int(0)),
            Column("healthy_targets", .integer, default: .int(0)),
            Column("warning_targets", .integer, default: .int(0)),
            Column("critical_targets", .integer, default: .int(0)),
            Column("cpu_usage_percent", .doublePrecision),
            Column("memory_usage_percent", .doublePrecision),
            Column("disk_usage_percent", .doublePrecision),
            Column("network_io_mbps", .doublePrecision),
            Column("job_queue_size", .integer, default: .int(0)),
            Column("avg_queue_wait_time", .doublePrecision),
            Column("system_data", .jsonb),
            Column("created_at", .timestamptz, default: .currentTimestamp),
        ],
        primaryKey: PrimaryKey("system_health_snapshots_pkey", ["id"]),
        indexes: [
            Index("idx_system_health_snapshots_timestamp", ["timestamp"])
        ]
    )

    /// `analytics_alert_rules`: threshold rules over performance metrics (04_analytics alert_rules shape, model `analytics_alert_rules`)
    public static let analyticsAlertRules = Table(
        "analytics_alert_rules",
        columns: [
            Column("id", .serial),
            Column("name", .varchar(100), null: false),
            Column("description", .varchar(500)),
            Column("metric_type", .varchar(50), null: false),
            Column("condition", .varchar(20), null: false),
            Column("threshold_value", .doublePrecision, null: false),
            Column("evaluation_period", .integer, default: .int(5)),
            Column("is_active", .boolean, null: false, default: .bool(true)),
            Column("severity", .enumeration("alert_severity"), null: false, default: .literal("medium")),
            Column("notification_channels", .jsonb),
            Column("last_triggered", .timestamptz),
            Column("trigger_count", .integer, default: .int(0)),
            Column("created_at", .timestamptz, default: .currentTimestamp),
            Column("updated_at", .timestamptz, default: .currentTimestamp),
        ],
        primaryKey: PrimaryKey("analytics_alert_rules_pkey", ["id"]),
        checks: [
            .oneOf("ck_analytics_alert_rules_condition", column: "condition", ["gt", "lt", "eq", "gte", "lte"])
        ]
    )

    /// `report_templates`: report definitions
    public static let reportTemplates = Table(
        "report_templates",
        columns: [
            Column("id", .serial),
            Column("name", .varchar(100), null: false),
            Column("description", .varchar(500)),
            Column("report_type", .varchar(50), null: false),
            Column("data_sources", .jsonb, null: false),
            Column("time_range", .varchar(20), default: .literal("last_7_days")),
            Column("format", .varchar(20), default: .literal("json")),
            Column("is_scheduled", .boolean, null: false, default: .bool(false)),
            Column("schedule_cron", .varchar(100)),
            Column("recipients", .jsonb),
            Column("template_config", .jsonb),
            Column("created_at", .timestamptz, default: .currentTimestamp),
            Column("updated_at", .timestamptz, default: .currentTimestamp),
        ],
        primaryKey: PrimaryKey("report_templates_pkey", ["id"])
    )

    /// `generated_reports`: produced report instances
    public static let generatedReports = Table(
        "generated_reports",
        columns: [
            Column("id", .serial),
            Column("template_id", .integer),
            Column("name", .varchar(200), null: false),
            Column("report_period_start", .timestamptz, null: false),
            Column("report_period_end", .timestamptz, null: false),
            Column("generated_by", .integer),
            Column("report_data", .jsonb),
            Column("file_path", .varchar(500)),
            Column("file_size", .bigint),
            Column("status", .varchar(20), default: .literal("generating")),
            Column("error_message", .varchar(1000)),
            Column("created_at", .timestamptz, default: .currentTimestamp),
            Column("completed_at", .timestamptz),
        ],
        primaryKey: PrimaryKey("generated_reports_pkey", ["id"]),
        foreignKeys: [
            ForeignKey(
                "generated_reports_generated_by_fkey", ["generated_by"], references: "users", onDelete: .setNull),
            ForeignKey(
                "generated_reports_template_id_fkey", ["template_id"], references: "report_templates",
                onDelete: .cascade),
        ],
        checks: [
            CheckConstraint("ck_generated_reports_period", postgres: #"((report_period_end >= report_period_start))"#)
        ],
        indexes: [
            Index("idx_generated_reports_generated_by", ["generated_by"]),
            Index("idx_generated_reports_period", ["report_period_start", "report_period_end"]),
            Index("idx_generated_reports_template_id", ["template_id"]),
        ]
    )
}
