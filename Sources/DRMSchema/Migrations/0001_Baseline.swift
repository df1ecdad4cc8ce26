// Migration 0001, frozen: the 35 tables and 15 enum types of the original ENABLEDRM schema (spec/schema.md)
// with their exact names and types. Written out in full so that changing the declared tables
// (the Table constants in each domain folder) never changes what a shipped migration does.
// Never edit: change the schema with a new migration (`enabledrm db revision --autogenerate`).
extension Migration {
    /// baseline: the 35-table ENABLEDRM schema
    static let m0001 = Migration(
        "0001",
        "baseline: the 35-table ENABLEDRM schema",
        up: [
            .createEnum(EnumType("job_type", ["command", "script", "file_transfer", "composite"])),
            .createEnum(
                EnumType(
                    "job_status", ["draft", "scheduled", "running", "completed", "failed", "cancelled", "deleted"])),
            .createEnum(EnumType("execution_status", ["scheduled", "running", "completed", "failed", "cancelled"])),
            .createEnum(EnumType("action_type", ["command", "script", "file_transfer"])),
            .createEnum(
                EnumType(
                    "log_phase",
                    [
                        "creation", "target_selection", "authentication", "communication", "action_execution",
                        "result_collection", "completion",
                    ])),
            .createEnum(EnumType("log_level", ["info", "warning", "error", "debug"])),
            .createEnum(
                EnumType(
                    "log_category", ["authentication", "communication", "command_execution", "file_transfer", "system"])
            ),
            .createEnum(EnumType("schedule_type", ["cron", "interval", "one_time"])),
            .createEnum(EnumType("schedule_status", ["active", "paused", "disabled", "expired"])),
            .createEnum(
                EnumType("execution_status_schedule", ["scheduled", "running", "completed", "failed", "skipped"])),
            .createEnum(EnumType("notification_type", ["email", "slack", "webhook", "sms"])),
            .createEnum(EnumType("notification_status", ["pending", "sent", "failed", "delivered"])),
            .createEnum(EnumType("alert_severity", ["low", "medium", "high", "critical"])),
            .createEnum(EnumType("alert_status", ["active", "acknowledged", "resolved", "suppressed"])),
            .createEnum(EnumType("task_status", ["pending", "started", "retry", "failure", "success", "revoked"])),
            .createTable(
                Table(
                    "users",
                    columns: [
                        Column("id", .serial),
                        Column("username", .varchar(50), null: false),
                        Column("email", .varchar(100), null: false),
                        Column("password_hash", .varchar(255), null: false),
                        Column("role", .varchar(20), null: false, default: .literal("user")),
                        Column("is_active", .boolean, null: false, default: .bool(true)),
                        Column("last_login", .timestamptz),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("users_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("users_email_key", ["email"]),
                        UniqueConstraint("users_username_key", ["username"]),
                    ],
                    checks: [
                        .oneOf("ck_users_role", column: "role", ["administrator", "manager", "user", "guest"])
                    ],
                    indexes: [
                        Index("idx_users_active", ["is_active"]),
                        Index("idx_users_role", ["role"]),
                    ]
                )),
            .createTable(
                Table(
                    "user_sessions",
                    columns: [
                        Column("id", .serial),
                        Column("user_id", .integer, null: false),
                        Column("session_token", .varchar(255), null: false),
                        Column("ip_address", .varchar(45)),
                        Column("user_agent", .text),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("expires_at", .timestamptz, null: false),
                        Column("last_activity", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("user_sessions_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("user_sessions_session_token_key", ["session_token"])
                    ],
                    foreignKeys: [
                        ForeignKey("user_sessions_user_id_fkey", ["user_id"], references: "users", onDelete: .cascade)
                    ],
                    indexes: [
                        Index("idx_user_sessions_expires", ["expires_at"]),
                        Index("idx_user_sessions_user_id", ["user_id"]),
                    ]
                )),
            .createTable(
                Table(
                    "universal_targets",
                    columns: [
                        Column("id", .serial),
                        Column("target_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "target_serial", .varchar(20), null: false, default: .serialNumber(prefix: "TGT-", width: 6)
                        ),
                        Column("name", .varchar(100), null: false),
                        Column("target_type", .varchar(20), null: false, default: .literal("system")),
                        Column("description", .text),
                        Column("os_type", .varchar(20), null: false),
                        Column("environment", .varchar(20), null: false, default: .literal("development")),
                        Column("location", .varchar(100)),
                        Column("data_center", .varchar(100)),
                        Column("region", .varchar(100)),
                        Column("is_active", .boolean, null: false, default: .bool(true)),
                        Column("status", .varchar(20), null: false, default: .literal("active")),
                        Column("health_status", .varchar(20), null: false, default: .literal("unknown")),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("universal_targets_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("universal_targets_target_serial_key", ["target_serial"]),
                        UniqueConstraint("universal_targets_target_uuid_key", ["target_uuid"]),
                    ],
                    checks: [
                        .oneOf(
                            "ck_universal_targets_environment", column: "environment",
                            ["production", "staging", "development", "testing"])
                    ],
                    indexes: [
                        Index("idx_universal_targets_active_type", ["target_type"], where: "(is_active = true)"),
                        Index("idx_universal_targets_environment", ["environment"]),
                        Index("idx_universal_targets_health_status", ["health_status"]),
                        Index("idx_universal_targets_name", ["name"]),
                        Index("idx_universal_targets_status", ["status"]),
                        Index("idx_universal_targets_type", ["target_type"]),
                    ]
                )),
            .createTable(
                Table(
                    "target_communication_methods",
                    columns: [
                        Column("id", .serial),
                        Column("target_id", .integer, null: false),
                        Column("method_type", .varchar(50), null: false),
                        Column("method_name", .varchar(100), null: false),
                        Column("is_primary", .boolean, null: false, default: .bool(false)),
                        Column("is_active", .boolean, null: false, default: .bool(true)),
                        Column("priority", .integer, default: .int(1)),
                        Column("config", .jsonb, null: false),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz),
                    ],
                    primaryKey: PrimaryKey("target_communication_methods_pkey", ["id"]),
                    foreignKeys: [
                        ForeignKey(
                            "target_communication_methods_target_id_fkey", ["target_id"],
                            references: "universal_targets", onDelete: .cascade)
                    ],
                    indexes: [
                        Index(
                            "idx_target_communication_methods_one_primary", ["target_id"], unique: true,
                            where: "is_primary"),
                        Index("idx_target_communication_methods_target_id", ["target_id"]),
                    ]
                )),
            .createTable(
                Table(
                    "target_credentials",
                    columns: [
                        Column("id", .serial),
                        Column("communication_method_id", .integer, null: false),
                        Column("credential_type", .varchar(50), null: false),
                        Column("credential_name", .varchar(100), null: false),
                        Column("is_primary", .boolean, null: false, default: .bool(false)),
                        Column("is_active", .boolean, null: false, default: .bool(true)),
                        Column("encrypted_credentials", .text, null: false),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz),
                    ],
                    primaryKey: PrimaryKey("target_credentials_pkey", ["id"]),
                    foreignKeys: [
                        ForeignKey(
                            "target_credentials_communication_method_id_fkey", ["communication_method_id"],
                            references: "target_communication_methods", onDelete: .cascade)
                    ],
                    indexes: [
                        Index("idx_target_credentials_communication_method_id", ["communication_method_id"])
                    ]
                )),
            .createTable(
                Table(
                    "system_settings",
                    columns: [
                        Column("id", .serial),
                        Column("setting_key", .varchar(100), null: false),
                        Column("setting_value", .jsonb, null: false),
                        Column("description", .text),
                        Column("updated_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("system_settings_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("system_settings_setting_key_key", ["setting_key"])
                    ]
                )),
            .createTable(
                Table(
                    "jobs",
                    columns: [
                        Column("id", .serial),
                        Column("job_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "job_serial", .varchar(20), null: false, default: .serialNumber(prefix: "JOB-", width: 6)),
                        Column("name", .varchar(255), null: false),
                        Column("description", .text),
                        Column("job_type", .enumeration("job_type"), null: false, default: .literal("command")),
                        Column("status", .enumeration("job_status"), null: false, default: .literal("draft")),
                        Column("priority", .integer, null: false, default: .int(5)),
                        Column("timeout", .integer),
                        Column("retry_count", .integer, null: false, default: .int(0)),
                        Column("is_deleted", .boolean, null: false, default: .bool(false)),
                        Column("deleted_at", .timestamptz),
                        Column("deleted_by", .integer),
                        Column("created_by", .integer, null: false),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz),
                        Column("scheduled_at", .timestamptz),
                        Column("started_at", .timestamptz),
                        Column("completed_at", .timestamptz),
                    ],
                    primaryKey: PrimaryKey("jobs_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("jobs_job_serial_key", ["job_serial"]),
                        UniqueConstraint("jobs_job_uuid_key", ["job_uuid"]),
                    ],
                    foreignKeys: [
                        ForeignKey("jobs_created_by_fkey", ["created_by"], references: "users"),
                        ForeignKey("jobs_deleted_by_fkey", ["deleted_by"], references: "users", onDelete: .setNull),
                    ],
                    checks: [
                        CheckConstraint("ck_jobs_priority", postgres: #"(((priority >= 1) AND (priority <= 10)))"#)
                    ],
                    indexes: [
                        Index("idx_jobs_created_by", ["created_by"]),
                        Index("idx_jobs_deleted_by", ["deleted_by"]),
                        Index("idx_jobs_scheduled_at", ["scheduled_at"]),
                        Index("idx_jobs_status", ["status"]),
                    ]
                )),
            .createTable(
                Table(
                    "job_actions",
                    columns: [
                        Column("id", .serial),
                        Column("job_id", .integer, null: false),
                        Column("action_order", .integer, null: false),
                        Column("action_type", .enumeration("action_type"), null: false),
                        Column("action_name", .varchar(255), null: false),
                        Column("action_parameters", .jsonb),
                        Column("action_config", .jsonb),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("job_actions_pkey", ["id"]),
                    foreignKeys: [
                        ForeignKey("job_actions_job_id_fkey", ["job_id"], references: "jobs", onDelete: .cascade)
                    ],
                    indexes: [
                        Index("idx_job_actions_job_id", ["job_id"]),
                        Index("idx_job_actions_order", ["job_id", "action_order"], unique: true),
                    ]
                )),
            .createTable(
                Table(
                    "job_targets",
                    columns: [
                        Column("id", .serial),
                        Column("job_id", .integer, null: false),
                        Column("target_id", .integer, null: false),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("job_targets_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("job_targets_job_id_target_id_key", ["job_id", "target_id"])
                    ],
                    foreignKeys: [
                        ForeignKey("job_targets_job_id_fkey", ["job_id"], references: "jobs", onDelete: .cascade),
                        ForeignKey(
                            "job_targets_target_id_fkey", ["target_id"], references: "universal_targets",
                            onDelete: .cascade),
                    ],
                    indexes: [
                        Index("idx_job_targets_job_id", ["job_id"]),
                        Index("idx_job_targets_target_id", ["target_id"]),
                    ]
                )),
            .createTable(
                Table(
                    "job_executions",
                    columns: [
                        Column("id", .serial),
                        Column("job_id", .integer, null: false),
                        Column("execution_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "execution_serial", .varchar(50), null: false,
                            default: .serialNumber(prefix: "EXEC-", width: 8)),
                        Column("execution_number", .integer, null: false),
                        Column("status", .enumeration("execution_status"), null: false, default: .literal("scheduled")),
                        Column("scheduled_at", .timestamptz),
                        Column("started_at", .timestamptz),
                        Column("completed_at", .timestamptz),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("job_executions_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("job_executions_execution_serial_key", ["execution_serial"]),
                        UniqueConstraint("job_executions_execution_uuid_key", ["execution_uuid"]),
                    ],
                    foreignKeys: [
                        ForeignKey("job_executions_job_id_fkey", ["job_id"], references: "jobs", onDelete: .cascade)
                    ],
                    indexes: [
                        Index("idx_job_executions_job_id", ["job_id"]),
                        Index("idx_job_executions_job_status_created", ["job_id", "status", "created_at"]),
                        Index("idx_job_executions_status", ["status"]),
                    ]
                )),
            .createTable(
                Table(
                    "job_execution_branches",
                    columns: [
                        Column("id", .serial),
                        Column("job_execution_id", .integer, null: false),
                        Column("target_id", .integer, null: false),
                        Column("branch_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "branch_serial", .varchar(100), null: false,
                            default: .serialNumber(prefix: "BRANCH-", width: 8)),
                        Column("branch_id", .varchar(10), null: false),
                        Column("target_serial_ref", .varchar(50)),
                        Column("status", .enumeration("execution_status"), null: false, default: .literal("scheduled")),
                        Column("scheduled_at", .timestamptz),
                        Column("started_at", .timestamptz),
                        Column("completed_at", .timestamptz),
                        Column("result_output", .text),
                        Column("result_error", .text),
                        Column("exit_code", .integer),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("job_execution_branches_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("job_execution_branches_branch_serial_key", ["branch_serial"]),
                        UniqueConstraint("job_execution_branches_branch_uuid_key", ["branch_uuid"]),
                    ],
                    foreignKeys: [
                        ForeignKey(
                            "job_execution_branches_job_execution_id_fkey", ["job_execution_id"],
                            references: "job_executions", onDelete: .cascade),
                        ForeignKey(
                            "job_execution_branches_target_id_fkey", ["target_id"], references: "universal_targets"),
                    ],
                    indexes: [
                        Index("idx_job_execution_branches_execution_id", ["job_execution_id"]),
                        Index("idx_job_execution_branches_status", ["status"]),
                        Index("idx_job_execution_branches_target_id", ["target_id"]),
                        Index("idx_job_execution_branches_target_serial_ref", ["target_serial_ref"]),
                    ]
                )),
            .createTable(
                Table(
                    "job_action_results",
                    columns: [
                        Column("id", .serial),
                        Column("branch_id", .integer, null: false),
                        Column("action_id", .integer, null: false),
                        Column("action_serial", .varchar(120)),
                        Column("action_order", .integer, null: false),
                        Column("action_name", .varchar(255), null: false),
                        Column("action_type", .enumeration("action_type"), null: false),
                        Column("status", .enumeration("execution_status"), null: false, default: .literal("scheduled")),
                        Column("started_at", .timestamptz),
                        Column("completed_at", .timestamptz),
                        Column("execution_time_ms", .integer),
                        Column("result_output", .text),
                        Column("result_error", .text),
                        Column("exit_code", .integer),
                        Column("command_executed", .text),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("job_action_results_pkey", ["id"]),
                    foreignKeys: [
                        ForeignKey(
                            "job_action_results_action_id_fkey", ["action_id"], references: "job_actions",
                            onDelete: .cascade),
                        ForeignKey(
                            "job_action_results_branch_id_fkey", ["branch_id"], references: "job_execution_branches",
                            onDelete: .cascade),
                    ],
                    indexes: [
                        Index("idx_job_action_results_action_id", ["action_id"]),
                        Index("idx_job_action_results_branch_id", ["branch_id"]),
                    ]
                )),
            .createTable(
                Table(
                    "job_execution_logs",
                    columns: [
                        Column("id", .serial),
                        Column("job_execution_id", .integer),
                        Column("branch_id", .integer),
                        Column("log_phase", .enumeration("log_phase"), null: false),
                        Column("log_level", .enumeration("log_level"), null: false, default: .literal("info")),
                        Column("log_category", .enumeration("log_category"), null: false),
                        Column("log_message", .text, null: false),
                        Column("log_details", .jsonb),
                        Column("timestamp", .timestamptz, default: .currentTimestamp),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("job_execution_logs_pkey", ["id"]),
                    foreignKeys: [
                        ForeignKey(
                            "job_execution_logs_branch_id_fkey", ["branch_id"], references: "job_execution_branches",
                            onDelete: .cascade),
                        ForeignKey(
                            "job_execution_logs_job_execution_id_fkey", ["job_execution_id"],
                            references: "job_executions", onDelete: .cascade),
                    ],
                    indexes: [
                        Index("idx_job_execution_logs_branch_id", ["branch_id"]),
                        Index("idx_job_execution_logs_category", ["log_category"]),
                        Index("idx_job_execution_logs_execution_id", ["job_execution_id"]),
                        Index("idx_job_execution_logs_phase", ["log_phase"]),
                        Index("idx_job_execution_logs_timestamp", ["timestamp"]),
                    ]
                )),
            .createTable(
                Table(
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
                    ],
                    primaryKey: PrimaryKey("performance_metrics_pkey", ["id"]),
                    foreignKeys: [
                        ForeignKey(
                            "performance_metrics_job_id_fkey", ["job_id"], references: "jobs", onDelete: .cascade),
                        ForeignKey(
                            "performance_metrics_target_id_fkey", ["target_id"], references: "universal_targets",
                            onDelete: .cascade),
                    ],
                    checks: [
                        CheckConstraint(
                            "ck_performance_metrics_counts",
                            postgres: #"(((success_count >= 0) AND (failure_count >= 0)))"#)
                    ],
                    indexes: [
                        Index("idx_performance_metrics_job_time", ["job_id", "timestamp"]),
                        Index("idx_performance_metrics_target_time", ["target_id", "timestamp"]),
                        Index(
                            "idx_performance_metrics_type_period_time",
                            ["metric_type", "aggregation_period", "timestamp"]),
                    ]
                )),
            .createTable(
                Table(
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
                )),
            .createTable(
                Table(
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
                        .oneOf(
                            "ck_analytics_alert_rules_condition", column: "condition", ["gt", "lt", "eq", "gte", "lte"])
                    ]
                )),
            .createTable(
                Table(
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
                )),
            .createTable(
                Table(
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
                            "generated_reports_generated_by_fkey", ["generated_by"], references: "users",
                            onDelete: .setNull),
                        ForeignKey(
                            "generated_reports_template_id_fkey", ["template_id"], references: "report_templates",
                            onDelete: .cascade),
                    ],
                    checks: [
                        CheckConstraint(
                            "ck_generated_reports_period", postgres: #"((report_period_end >= report_period_start))"#)
                    ],
                    indexes: [
                        Index("idx_generated_reports_generated_by", ["generated_by"]),
                        Index("idx_generated_reports_period", ["report_period_start", "report_period_end"]),
                        Index("idx_generated_reports_template_id", ["template_id"]),
                    ]
                )),
            .createTable(
                Table(
                    "discovery_jobs",
                    columns: [
                        Column("id", .serial),
                        Column("discovery_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "discovery_serial", .varchar(50), null: false,
                            default: .serialNumber(prefix: "DISC-", width: 8)),
                        Column("name", .varchar(255), null: false),
                        Column("description", .text),
                        Column("discovery_type", .varchar(50), null: false, default: .literal("network_scan")),
                        Column("target_range", .varchar(255), null: false),
                        Column("discovery_config", .jsonb),
                        Column("status", .varchar(50), null: false, default: .literal("pending")),
                        Column("created_by", .integer, null: false),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz),
                        Column("started_at", .timestamptz),
                        Column("completed_at", .timestamptz),
                        Column("discovered_count", .integer, default: .int(0)),
                        Column("error_message", .text),
                    ],
                    primaryKey: PrimaryKey("discovery_jobs_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("discovery_jobs_discovery_serial_key", ["discovery_serial"]),
                        UniqueConstraint("discovery_jobs_discovery_uuid_key", ["discovery_uuid"]),
                    ],
                    foreignKeys: [
                        ForeignKey("discovery_jobs_created_by_fkey", ["created_by"], references: "users")
                    ],
                    indexes: [
                        Index("idx_discovery_jobs_created_by", ["created_by"]),
                        Index("idx_discovery_jobs_status", ["status"]),
                    ]
                )),
            .createTable(
                Table(
                    "discovered_devices",
                    columns: [
                        Column("id", .serial),
                        Column("device_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "device_serial", .varchar(50), null: false, default: .serialNumber(prefix: "DEV-", width: 8)
                        ),
                        Column("discovery_job_id", .integer, null: false),
                        Column("ip_address", .inet, null: false),
                        Column("hostname", .varchar(255)),
                        Column("mac_address", .varchar(17)),
                        Column("device_type", .varchar(100)),
                        Column("os_type", .varchar(50)),
                        Column("os_version", .varchar(100)),
                        Column("vendor", .varchar(100)),
                        Column("model", .varchar(100)),
                        Column("services", .jsonb),
                        Column("ports", .jsonb),
                        Column("is_reachable", .boolean, default: .bool(true)),
                        Column("last_seen", .timestamptz, default: .currentTimestamp),
                        Column("discovery_method", .varchar(50)),
                        Column("raw_data", .jsonb),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz),
                    ],
                    primaryKey: PrimaryKey("discovered_devices_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("discovered_devices_device_serial_key", ["device_serial"]),
                        UniqueConstraint("discovered_devices_device_uuid_key", ["device_uuid"]),
                    ],
                    foreignKeys: [
                        ForeignKey(
                            "discovered_devices_discovery_job_id_fkey", ["discovery_job_id"],
                            references: "discovery_jobs", onDelete: .cascade)
                    ],
                    indexes: [
                        Index("idx_discovered_devices_device_type", ["device_type"]),
                        Index("idx_discovered_devices_discovery_job_id", ["discovery_job_id"]),
                        Index("idx_discovered_devices_hostname", ["hostname"]),
                        Index("idx_discovered_devices_ip_address", ["ip_address"]),
                    ]
                )),
            .createTable(
                Table(
                    "discovery_templates",
                    columns: [
                        Column("id", .serial),
                        Column("template_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "template_serial", .varchar(50), null: false,
                            default: .serialNumber(prefix: "TMPL-", width: 8)),
                        Column("name", .varchar(255), null: false),
                        Column("description", .text),
                        Column("discovery_type", .varchar(50), null: false),
                        Column("template_config", .jsonb, null: false),
                        Column("is_active", .boolean, default: .bool(true)),
                        Column("created_by", .integer, null: false),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz),
                    ],
                    primaryKey: PrimaryKey("discovery_templates_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("discovery_templates_template_serial_key", ["template_serial"]),
                        UniqueConstraint("discovery_templates_template_uuid_key", ["template_uuid"]),
                    ],
                    foreignKeys: [
                        ForeignKey("discovery_templates_created_by_fkey", ["created_by"], references: "users")
                    ],
                    indexes: [
                        Index("idx_discovery_templates_created_by", ["created_by"]),
                        Index("idx_discovery_templates_discovery_type", ["discovery_type"]),
                        Index("idx_discovery_templates_is_active", ["is_active"]),
                    ]
                )),
            .createTable(
                Table(
                    "discovery_schedules",
                    columns: [
                        Column("id", .serial),
                        Column("schedule_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "schedule_serial", .varchar(50), null: false,
                            default: .serialNumber(prefix: "SCHED-", width: 8)),
                        Column("name", .varchar(255), null: false),
                        Column("description", .text),
                        Column("template_id", .integer, null: false),
                        Column("cron_expression", .varchar(100), null: false),
                        Column("is_active", .boolean, default: .bool(true)),
                        Column("last_run", .timestamptz),
                        Column("next_run", .timestamptz),
                        Column("created_by", .integer, null: false),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz),
                    ],
                    primaryKey: PrimaryKey("discovery_schedules_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("discovery_schedules_schedule_serial_key", ["schedule_serial"]),
                        UniqueConstraint("discovery_schedules_schedule_uuid_key", ["schedule_uuid"]),
                    ],
                    foreignKeys: [
                        ForeignKey("discovery_schedules_created_by_fkey", ["created_by"], references: "users"),
                        ForeignKey(
                            "discovery_schedules_template_id_fkey", ["template_id"], references: "discovery_templates",
                            onDelete: .cascade),
                    ],
                    indexes: [
                        Index("idx_discovery_schedules_created_by", ["created_by"]),
                        Index("idx_discovery_schedules_next_run", ["next_run"], where: "is_active"),
                        Index("idx_discovery_schedules_template_id", ["template_id"]),
                    ]
                )),
            .createTable(
                Table(
                    "job_schedules",
                    columns: [
                        Column("id", .serial),
                        Column("schedule_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "schedule_serial", .varchar(50), null: false,
                            default: .serialNumber(prefix: "JSCHED-", width: 8)),
                        Column("job_id", .integer, null: false),
                        Column("name", .varchar(255), null: false),
                        Column("description", .text),
                        Column("schedule_type", .enumeration("schedule_type"), null: false, default: .literal("cron")),
                        Column("cron_expression", .varchar(100)),
                        Column("interval_seconds", .integer),
                        Column("start_date", .timestamptz),
                        Column("end_date", .timestamptz),
                        Column("timezone", .varchar(50), default: .literal("UTC")),
                        Column("is_active", .boolean, default: .bool(true)),
                        Column("status", .enumeration("schedule_status"), null: false, default: .literal("active")),
                        Column("max_runs", .integer),
                        Column("current_runs", .integer, default: .int(0)),
                        Column("last_run_at", .timestamptz),
                        Column("next_run_at", .timestamptz),
                        Column("created_by", .integer, null: false),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz),
                        Column("schedule_config", .jsonb),
                    ],
                    primaryKey: PrimaryKey("job_schedules_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("job_schedules_schedule_serial_key", ["schedule_serial"]),
                        UniqueConstraint("job_schedules_schedule_uuid_key", ["schedule_uuid"]),
                    ],
                    foreignKeys: [
                        ForeignKey("job_schedules_created_by_fkey", ["created_by"], references: "users"),
                        ForeignKey("job_schedules_job_id_fkey", ["job_id"], references: "jobs", onDelete: .cascade),
                    ],
                    checks: [
                        CheckConstraint(
                            "ck_job_schedules_interval",
                            postgres: #"(((interval_seconds IS NULL) OR (interval_seconds > 0)))"#)
                    ],
                    indexes: [
                        Index("idx_job_schedules_created_by", ["created_by"]),
                        Index("idx_job_schedules_job_id", ["job_id"]),
                        Index("idx_job_schedules_next_run_at", ["next_run_at"]),
                        Index("idx_job_schedules_status", ["status"]),
                    ]
                )),
            .createTable(
                Table(
                    "schedule_executions",
                    columns: [
                        Column("id", .serial),
                        Column("execution_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "execution_serial", .varchar(50), null: false,
                            default: .serialNumber(prefix: "SEXEC-", width: 8)),
                        Column("job_schedule_id", .integer, null: false),
                        Column("job_execution_id", .integer),
                        Column("scheduled_at", .timestamptz, null: false),
                        Column("started_at", .timestamptz),
                        Column("completed_at", .timestamptz),
                        Column(
                            "status", .enumeration("execution_status_schedule"), null: false,
                            default: .literal("scheduled")),
                        Column("result_summary", .text),
                        Column("error_message", .text),
                        Column("execution_context", .jsonb),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("schedule_executions_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("schedule_executions_execution_serial_key", ["execution_serial"]),
                        UniqueConstraint("schedule_executions_execution_uuid_key", ["execution_uuid"]),
                    ],
                    foreignKeys: [
                        ForeignKey(
                            "schedule_executions_job_execution_id_fkey", ["job_execution_id"],
                            references: "job_executions", onDelete: .setNull),
                        ForeignKey(
                            "schedule_executions_job_schedule_id_fkey", ["job_schedule_id"],
                            references: "job_schedules", onDelete: .cascade),
                    ],
                    indexes: [
                        Index("idx_schedule_executions_job_execution_id", ["job_execution_id"]),
                        Index("idx_schedule_executions_job_schedule_id", ["job_schedule_id"]),
                        Index("idx_schedule_executions_scheduled_at", ["scheduled_at"]),
                        Index("idx_schedule_executions_status", ["status"]),
                    ]
                )),
            .createTable(
                Table(
                    "notification_templates",
                    columns: [
                        Column("id", .serial),
                        Column("template_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "template_serial", .varchar(50), null: false,
                            default: .serialNumber(prefix: "NTMPL-", width: 8)),
                        Column("name", .varchar(255), null: false),
                        Column("description", .text),
                        Column("notification_type", .enumeration("notification_type"), null: false),
                        Column("template_config", .jsonb, null: false),
                        Column("subject_template", .text),
                        Column("body_template", .text, null: false),
                        Column("is_active", .boolean, default: .bool(true)),
                        Column("created_by", .integer, null: false),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz),
                    ],
                    primaryKey: PrimaryKey("notification_templates_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("notification_templates_template_serial_key", ["template_serial"]),
                        UniqueConstraint("notification_templates_template_uuid_key", ["template_uuid"]),
                    ],
                    foreignKeys: [
                        ForeignKey("notification_templates_created_by_fkey", ["created_by"], references: "users")
                    ],
                    indexes: [
                        Index("idx_notification_templates_created_by", ["created_by"]),
                        Index("idx_notification_templates_notification_type", ["notification_type"]),
                    ]
                )),
            .createTable(
                Table(
                    "notification_logs",
                    columns: [
                        Column("id", .serial),
                        Column("log_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "log_serial", .varchar(50), null: false, default: .serialNumber(prefix: "NLOG-", width: 8)),
                        Column("template_id", .integer),
                        Column("notification_type", .enumeration("notification_type"), null: false),
                        Column("recipient", .varchar(255), null: false),
                        Column("subject", .varchar(500)),
                        Column("message", .text, null: false),
                        Column(
                            "status", .enumeration("notification_status"), null: false, default: .literal("pending")),
                        Column("sent_at", .timestamptz),
                        Column("delivered_at", .timestamptz),
                        Column("error_message", .text),
                        Column("retry_count", .integer, default: .int(0)),
                        Column("max_retries", .integer, default: .int(3)),
                        Column("context_data", .jsonb),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("notification_logs_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("notification_logs_log_serial_key", ["log_serial"]),
                        UniqueConstraint("notification_logs_log_uuid_key", ["log_uuid"]),
                    ],
                    foreignKeys: [
                        ForeignKey(
                            "notification_logs_template_id_fkey", ["template_id"], references: "notification_templates",
                            onDelete: .setNull)
                    ],
                    indexes: [
                        Index("idx_notification_logs_recipient", ["recipient"]),
                        Index("idx_notification_logs_sent_at", ["sent_at"]),
                        Index("idx_notification_logs_status", ["status"]),
                        Index("idx_notification_logs_template_id", ["template_id"]),
                    ]
                )),
            .createTable(
                Table(
                    "alert_rules",
                    columns: [
                        Column("id", .serial),
                        Column("rule_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "rule_serial", .varchar(50), null: false, default: .serialNumber(prefix: "ARULE-", width: 8)
                        ),
                        Column("name", .varchar(255), null: false),
                        Column("description", .text),
                        Column("rule_type", .varchar(100), null: false),
                        Column("condition_config", .jsonb, null: false),
                        Column("severity", .enumeration("alert_severity"), null: false, default: .literal("medium")),
                        Column("is_active", .boolean, null: false, default: .bool(true)),
                        Column("notification_template_id", .integer),
                        Column("cooldown_minutes", .integer, default: .int(60)),
                        Column("created_by", .integer, null: false),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz),
                    ],
                    primaryKey: PrimaryKey("alert_rules_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("alert_rules_rule_serial_key", ["rule_serial"]),
                        UniqueConstraint("alert_rules_rule_uuid_key", ["rule_uuid"]),
                    ],
                    foreignKeys: [
                        ForeignKey("alert_rules_created_by_fkey", ["created_by"], references: "users"),
                        ForeignKey(
                            "alert_rules_notification_template_id_fkey", ["notification_template_id"],
                            references: "notification_templates", onDelete: .setNull),
                    ],
                    checks: [
                        CheckConstraint("ck_alert_rules_cooldown", postgres: #"((cooldown_minutes >= 0))"#)
                    ],
                    indexes: [
                        Index("idx_alert_rules_created_by", ["created_by"]),
                        Index("idx_alert_rules_is_active", ["is_active"]),
                        Index("idx_alert_rules_notification_template_id", ["notification_template_id"]),
                        Index("idx_alert_rules_rule_type", ["rule_type"]),
                        Index("idx_alert_rules_severity", ["severity"]),
                    ]
                )),
            .createTable(
                Table(
                    "alert_logs",
                    columns: [
                        Column("id", .serial),
                        Column("alert_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "alert_serial", .varchar(50), null: false,
                            default: .serialNumber(prefix: "ALERT-", width: 8)),
                        Column("alert_rule_id", .integer, null: false),
                        Column("alert_type", .varchar(50), null: false),
                        Column("severity", .enumeration("alert_severity"), null: false),
                        Column("status", .enumeration("alert_status"), null: false, default: .literal("active")),
                        Column("title", .varchar(500), null: false),
                        Column("message", .text, null: false),
                        Column("triggered_at", .timestamptz, default: .currentTimestamp),
                        Column("acknowledged_at", .timestamptz),
                        Column("acknowledged_by", .integer),
                        Column("resolved_at", .timestamptz),
                        Column("resolved_by", .integer),
                        Column("context_data", .jsonb),
                        Column("notification_sent", .boolean, null: false, default: .bool(false)),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("alert_logs_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("alert_logs_alert_serial_key", ["alert_serial"]),
                        UniqueConstraint("alert_logs_alert_uuid_key", ["alert_uuid"]),
                    ],
                    foreignKeys: [
                        ForeignKey("alert_logs_acknowledged_by_fkey", ["acknowledged_by"], references: "users"),
                        ForeignKey(
                            "alert_logs_alert_rule_id_fkey", ["alert_rule_id"], references: "alert_rules",
                            onDelete: .cascade),
                        ForeignKey("alert_logs_resolved_by_fkey", ["resolved_by"], references: "users"),
                    ],
                    indexes: [
                        Index("idx_alert_logs_acknowledged_by", ["acknowledged_by"]),
                        Index("idx_alert_logs_alert_rule_id", ["alert_rule_id"]),
                        Index("idx_alert_logs_resolved_by", ["resolved_by"]),
                        Index("idx_alert_logs_severity", ["severity"]),
                        Index("idx_alert_logs_status", ["status"]),
                        Index("idx_alert_logs_triggered_at", ["triggered_at"]),
                    ]
                )),
            .createTable(
                Table(
                    "celery_task_history",
                    columns: [
                        Column("id", .serial),
                        Column("task_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "task_serial", .varchar(50), null: false, default: .serialNumber(prefix: "TASK-", width: 8)),
                        Column("task_id", .varchar(255), null: false),
                        Column("task_name", .varchar(255), null: false),
                        Column("status", .enumeration("task_status"), null: false, default: .literal("pending")),
                        Column("result", .text),
                        Column("traceback", .text),
                        Column("args", .jsonb),
                        Column("kwargs", .jsonb),
                        Column("eta", .timestamptz),
                        Column("expires", .timestamptz),
                        Column("retries", .integer, default: .int(0)),
                        Column("max_retries", .integer, default: .int(3)),
                        Column("queue", .varchar(100)),
                        Column("routing_key", .varchar(100)),
                        Column("worker", .varchar(255)),
                        Column("started_at", .timestamptz),
                        Column("completed_at", .timestamptz),
                        Column("runtime_seconds", .numeric(precision: 10, scale: 3)),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("celery_task_history_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("celery_task_history_task_id_key", ["task_id"]),
                        UniqueConstraint("celery_task_history_task_serial_key", ["task_serial"]),
                        UniqueConstraint("celery_task_history_task_uuid_key", ["task_uuid"]),
                    ],
                    indexes: [
                        Index("idx_celery_task_history_queue", ["queue"]),
                        Index("idx_celery_task_history_started_at", ["started_at"]),
                        Index("idx_celery_task_history_status", ["status"]),
                        Index("idx_celery_task_history_task_name", ["task_name"]),
                        Index("idx_celery_task_history_worker", ["worker"]),
                    ]
                )),
            .createTable(
                Table(
                    "celery_metrics_snapshots",
                    columns: [
                        Column("id", .serial),
                        Column("snapshot_uuid", .uuid, null: false, default: .randomUUID),
                        Column(
                            "snapshot_serial", .varchar(50), null: false,
                            default: .serialNumber(prefix: "SNAP-", width: 8)),
                        Column("worker_name", .varchar(255), null: false),
                        Column("active_tasks", .integer, default: .int(0)),
                        Column("processed_tasks", .integer, default: .int(0)),
                        Column("failed_tasks", .integer, default: .int(0)),
                        Column("retried_tasks", .integer, default: .int(0)),
                        Column("queue_lengths", .jsonb),
                        Column("worker_stats", .jsonb),
                        Column("system_load", .jsonb),
                        Column("memory_usage", .jsonb),
                        Column("snapshot_time", .timestamptz, default: .currentTimestamp),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                    ],
                    primaryKey: PrimaryKey("celery_metrics_snapshots_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("celery_metrics_snapshots_snapshot_serial_key", ["snapshot_serial"]),
                        UniqueConstraint("celery_metrics_snapshots_snapshot_uuid_key", ["snapshot_uuid"]),
                    ],
                    indexes: [
                        Index("idx_celery_metrics_snapshots_worker_time", ["worker_name", "snapshot_time"])
                    ]
                )),
            .createTable(
                Table(
                    "device_type_categories",
                    columns: [
                        Column("id", .serial),
                        Column("value", .varchar(50), null: false),
                        Column("label", .varchar(200), null: false),
                        Column("description", .text),
                        Column("icon", .varchar(50)),
                        Column("color", .varchar(7)),
                        Column("sort_order", .integer, default: .int(0)),
                        Column("is_system", .boolean, null: false, default: .bool(true)),
                        Column("is_active", .boolean, null: false, default: .bool(true)),
                        Column("created_at", .timestamptz, default: .now),
                        Column("updated_at", .timestamptz),
                    ],
                    primaryKey: PrimaryKey("device_type_categories_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("device_type_categories_value_key", ["value"])
                    ],
                    checks: [
                        CheckConstraint(
                            "ck_device_type_categories_color",
                            postgres: #"(((color IS NULL) OR ((color)::text ~ '^#[0-9A-Fa-f]{6}$'::text)))"#,
                            sqlite:
                                #"color IS NULL OR (length(color) = 7 AND color GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]')"#
                        )
                    ]
                )),
            .createTable(
                Table(
                    "device_types",
                    columns: [
                        Column("id", .serial),
                        Column("value", .varchar(100), null: false),
                        Column("label", .varchar(200), null: false),
                        Column("category", .varchar(50), null: false),
                        Column("description", .text),
                        Column("communication_methods", .jsonb, null: false, default: .literal("[]")),
                        Column("discovery_ports", .jsonb, null: false, default: .literal("[]")),
                        Column("discovery_oids", .jsonb, null: false, default: .literal("[]")),
                        Column("discovery_services", .jsonb, null: false, default: .literal("[]")),
                        Column("discovery_keywords", .jsonb, null: false, default: .literal("[]")),
                        Column("is_system", .boolean, null: false, default: .bool(true)),
                        Column("is_active", .boolean, null: false, default: .bool(true)),
                        Column("created_by", .integer),
                        Column("created_at", .timestamptz, default: .now),
                        Column("updated_at", .timestamptz),
                        Column("search_vector", .text),
                        Column("tags", .jsonb, null: false, default: .literal("[]")),
                    ],
                    primaryKey: PrimaryKey("device_types_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("device_types_value_key", ["value"])
                    ],
                    foreignKeys: [
                        ForeignKey(
                            "device_types_created_by_fkey", ["created_by"], references: "users", onDelete: .setNull)
                    ],
                    indexes: [
                        Index("idx_device_types_category", ["category"]),
                        Index("idx_device_types_category_active", ["category", "is_active"]),
                        Index("idx_device_types_created_by", ["created_by"]),
                    ]
                )),
            .createTable(
                Table(
                    "device_type_templates",
                    columns: [
                        Column("id", .serial),
                        Column("name", .varchar(200), null: false),
                        Column("description", .text),
                        Column("category", .varchar(50), null: false),
                        Column("template_config", .jsonb, null: false),
                        Column("is_public", .boolean, null: false, default: .bool(false)),
                        Column("created_by", .integer, null: false),
                        Column("created_at", .timestamptz, default: .now),
                        Column("updated_at", .timestamptz),
                        Column("usage_count", .integer, default: .int(0)),
                        Column("last_used", .timestamptz),
                    ],
                    primaryKey: PrimaryKey("device_type_templates_pkey", ["id"]),
                    foreignKeys: [
                        ForeignKey(
                            "device_type_templates_created_by_fkey", ["created_by"], references: "users",
                            onDelete: .cascade)
                    ],
                    indexes: [
                        Index("idx_device_type_templates_category", ["category"]),
                        Index("idx_device_type_templates_created_by", ["created_by"]),
                    ]
                )),
            .createTable(
                Table(
                    "device_type_usage",
                    columns: [
                        Column("id", .serial),
                        Column("device_type_value", .varchar(100), null: false),
                        Column("user_id", .integer, null: false),
                        Column("usage_context", .varchar(100)),
                        Column("usage_count", .integer, default: .int(1)),
                        Column("last_used", .timestamptz, default: .now),
                        Column("context_data", .jsonb),
                    ],
                    primaryKey: PrimaryKey("device_type_usage_pkey", ["id"]),
                    foreignKeys: [
                        ForeignKey(
                            "device_type_usage_user_id_fkey", ["user_id"], references: "users", onDelete: .cascade)
                    ],
                    indexes: [
                        Index("idx_device_type_usage_user_id", ["user_id"]),
                        Index(
                            "idx_device_type_usage_user_value_ctx", ["user_id", "device_type_value", "usage_context"],
                            unique: true),
                    ]
                )),
            .createTable(
                Table(
                    "alembic_version",
                    columns: [
                        Column("version_num", .varchar(32), null: false)
                    ],
                    primaryKey: PrimaryKey("alembic_version_pkc", ["version_num"])
                )),
        ]
    )
}
