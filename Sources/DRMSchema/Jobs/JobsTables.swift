// The declared tables of this domain, with the exact names and types of spec/schema.md. Change them here, then
// write the migration that gets there with `enabledrm db revision --autogenerate`.

extension EnumType {
    /// `job_type`.
    public static let jobType = EnumType("job_type", ["command", "script", "file_transfer", "composite"])
    /// `job_status`.
    public static let jobStatus = EnumType(
        "job_status", ["draft", "scheduled", "running", "completed", "failed", "cancelled", "deleted"])
    /// `execution_status`.
    public static let executionStatus = EnumType(
        "execution_status",
        [
            "scheduled", "running", "completed", "failed", "cancelled", "queued", "timed_out", "partially_failed",
            "skipped",
        ])
    /// `action_type`.
    public static let actionType = EnumType("action_type", ["command", "script", "file_transfer", "http_request"])
    /// `log_phase`.
    public static let logPhase = EnumType(
        "log_phase",
        [
            "creation", "target_selection", "authentication", "communication", "action_execution", "result_collection",
            "completion",
        ])
    /// `log_level`.
    public static let logLevel = EnumType("log_level", ["info", "warning", "error", "debug"])
    /// `log_category`.
    public static let logCategory = EnumType(
        "log_category", ["authentication", "communication", "command_execution", "file_transfer", "system"])
}

extension Table {
    /// `jobs`: automation job definitions
    public static let jobs = Table(
        "jobs",
        columns: [
            Column("id", .serial),
            Column("job_uuid", .uuid, null: false, default: .randomUUID),
            Column("job_serial", .varchar(20), null: false, default: .serialNumber(prefix: "JOB-", width: 6)),
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
            Column("options", .jsonb, null: false, default: .literal("[]")),
            Column("target_filter", .text),
            Column("parallelism", .integer, null: false, default: .int(10)),
            Column("failure_policy", .varchar(20), null: false, default: .literal("continue")),
            Column("is_adhoc", .boolean, null: false, default: .bool(false)),
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
    )

    /// `job_actions`: ordered steps of a job
    public static let jobActions = Table(
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
    )

    /// `job_targets`: which targets a job runs on
    public static let jobTargets = Table(
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
                "job_targets_target_id_fkey", ["target_id"], references: "universal_targets", onDelete: .cascade),
        ],
        indexes: [
            Index("idx_job_targets_job_id", ["job_id"]),
            Index("idx_job_targets_target_id", ["target_id"]),
        ]
    )

    /// `job_executions`: one run of a job
    public static let jobExecutions = Table(
        "job_executions",
        columns: [
            Column("id", .serial),
            Column("job_id", .integer, null: false),
            Column("execution_uuid", .uuid, null: false, default: .randomUUID),
            Column("execution_serial", .varchar(50), null: false, default: .serialNumber(prefix: "EXEC-", width: 8)),
            Column("execution_number", .integer, null: false),
            Column("status", .enumeration("execution_status"), null: false, default: .literal("scheduled")),
            Column("scheduled_at", .timestamptz),
            Column("started_at", .timestamptz),
            Column("completed_at", .timestamptz),
            Column("created_at", .timestamptz, default: .currentTimestamp),
            Column("parameters", .jsonb),
            Column("trigger", .varchar(20), null: false, default: .literal("manual")),
            Column("triggered_by", .integer),
            Column("cancel_requested_at", .timestamptz),
            Column("error_message", .text),
            // Added by 0014: an execution pinned is never deleted by retention.
            Column("pinned_at", .timestamptz),
        ],
        primaryKey: PrimaryKey("job_executions_pkey", ["id"]),
        uniques: [
            UniqueConstraint("job_executions_execution_serial_key", ["execution_serial"]),
            UniqueConstraint("job_executions_execution_uuid_key", ["execution_uuid"]),
        ],
        foreignKeys: [
            ForeignKey("job_executions_job_id_fkey", ["job_id"], references: "jobs", onDelete: .cascade),
            ForeignKey("job_executions_triggered_by_fkey", ["triggered_by"], references: "users", onDelete: .setNull),
        ],
        indexes: [
            Index("idx_job_executions_job_id", ["job_id"]),
            Index("idx_job_executions_job_status_created", ["job_id", "status", "created_at"]),
            Index("idx_job_executions_status", ["status"]),
            Index("idx_job_executions_triggered_by", ["triggered_by"]),
            Index("idx_job_executions_completed_at", ["completed_at"]),
        ]
    )

    /// `job_execution_branches`: per-target branch of an execution
    public static let jobExecutionBranches = Table(
        "job_execution_branches",
        columns: [
            Column("id", .serial),
            Column("job_execution_id", .integer, null: false),
            Column("target_id", .integer, null: false),
            Column("branch_uuid", .uuid, null: false, default: .randomUUID),
            Column("branch_serial", .varchar(100), null: false, default: .serialNumber(prefix: "BRANCH-", width: 8)),
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
                "job_execution_branches_job_execution_id_fkey", ["job_execution_id"], references: "job_executions",
                onDelete: .cascade),
            ForeignKey("job_execution_branches_target_id_fkey", ["target_id"], references: "universal_targets"),
        ],
        indexes: [
            Index("idx_job_execution_branches_execution_id", ["job_execution_id"]),
            Index("idx_job_execution_branches_status", ["status"]),
            Index("idx_job_execution_branches_target_id", ["target_id"]),
            Index("idx_job_execution_branches_target_serial_ref", ["target_serial_ref"]),
        ]
    )

    /// `job_action_results`: result of one action on one branch (target)
    public static let jobActionResults = Table(
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
            Column("output_truncated", .boolean, null: false, default: .bool(false)),
            Column("attempts", .integer, null: false, default: .int(1)),
        ],
        primaryKey: PrimaryKey("job_action_results_pkey", ["id"]),
        foreignKeys: [
            ForeignKey(
                "job_action_results_action_id_fkey", ["action_id"], references: "job_actions", onDelete: .cascade),
            ForeignKey(
                "job_action_results_branch_id_fkey", ["branch_id"], references: "job_execution_branches",
                onDelete: .cascade),
        ],
        indexes: [
            Index("idx_job_action_results_action_id", ["action_id"]),
            Index("idx_job_action_results_branch_id", ["branch_id"]),
        ]
    )

    /// `job_execution_logs`: structured execution log lines
    public static let jobExecutionLogs = Table(
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
                "job_execution_logs_job_execution_id_fkey", ["job_execution_id"], references: "job_executions",
                onDelete: .cascade),
        ],
        indexes: [
            Index("idx_job_execution_logs_branch_id", ["branch_id"]),
            Index("idx_job_execution_logs_category", ["log_category"]),
            Index("idx_job_execution_logs_execution_id", ["job_execution_id"]),
            Index("idx_job_execution_logs_phase", ["log_phase"]),
            Index("idx_job_execution_logs_timestamp", ["timestamp"]),
        ]
    )
}
