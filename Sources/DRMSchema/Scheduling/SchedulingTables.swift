// The declared tables of this domain, with the exact names and types of spec/schema.md. Change them here, then
// write the migration that gets there with `enabledrm db revision --autogenerate`.

extension EnumType {
    /// `schedule_type`.
    public static let scheduleType = EnumType("schedule_type", ["cron", "interval", "one_time"])
    /// `schedule_status`.
    public static let scheduleStatus = EnumType("schedule_status", ["active", "paused", "disabled", "expired"])
    /// `execution_status_schedule`.
    public static let executionStatusSchedule = EnumType(
        "execution_status_schedule",
        ["scheduled", "running", "completed", "failed", "skipped", "missed", "buffered", "cancelled"])
}

extension Table {
    /// `job_schedules`: when a job runs automatically (database/init/06 shape)
    public static let jobSchedules = Table(
        "job_schedules",
        columns: [
            Column("id", .serial),
            Column("schedule_uuid", .uuid, null: false, default: .randomUUID),
            Column("schedule_serial", .varchar(50), null: false, default: .serialNumber(prefix: "JSCHED-", width: 8)),
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
            Column("overlap_policy", .varchar(20), null: false, default: .literal("skip")),
            Column("missed_run_policy", .varchar(20), null: false, default: .literal("run_once")),
            Column("catchup_window_seconds", .integer, null: false, default: .int(3600)),
            Column("missed_run_cap", .integer, null: false, default: .int(10)),
            Column("paused_reason", .text),
            Column("parameters", .jsonb),
            Column("origin", .varchar(20), null: false, default: .literal("user")),
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
                "ck_job_schedules_interval", postgres: #"(((interval_seconds IS NULL) OR (interval_seconds > 0)))"#)
        ],
        indexes: [
            Index("idx_job_schedules_created_by", ["created_by"]),
            Index("idx_job_schedules_job_id", ["job_id"]),
            Index("idx_job_schedules_next_run_at", ["next_run_at"]),
            Index("idx_job_schedules_status", ["status"]),
        ]
    )

    /// `schedule_executions`: each firing of a schedule
    public static let scheduleExecutions = Table(
        "schedule_executions",
        columns: [
            Column("id", .serial),
            Column("execution_uuid", .uuid, null: false, default: .randomUUID),
            Column("execution_serial", .varchar(50), null: false, default: .serialNumber(prefix: "SEXEC-", width: 8)),
            Column("job_schedule_id", .integer, null: false),
            Column("job_execution_id", .integer),
            Column("scheduled_at", .timestamptz, null: false),
            Column("started_at", .timestamptz),
            Column("completed_at", .timestamptz),
            Column("status", .enumeration("execution_status_schedule"), null: false, default: .literal("scheduled")),
            Column("result_summary", .text),
            Column("error_message", .text),
            Column("execution_context", .jsonb),
            Column("created_at", .timestamptz, default: .currentTimestamp),
        ],
        primaryKey: PrimaryKey("schedule_executions_pkey", ["id"]),
        uniques: [
            UniqueConstraint("schedule_executions_execution_serial_key", ["execution_serial"]),
            UniqueConstraint("schedule_executions_execution_uuid_key", ["execution_uuid"]),
            UniqueConstraint(
                "schedule_executions_job_schedule_id_scheduled_at_key", ["job_schedule_id", "scheduled_at"]),
        ],
        foreignKeys: [
            ForeignKey(
                "schedule_executions_job_execution_id_fkey", ["job_execution_id"], references: "job_executions",
                onDelete: .setNull),
            ForeignKey(
                "schedule_executions_job_schedule_id_fkey", ["job_schedule_id"], references: "job_schedules",
                onDelete: .cascade),
        ],
        indexes: [
            Index("idx_schedule_executions_job_execution_id", ["job_execution_id"]),
            Index("idx_schedule_executions_job_schedule_id", ["job_schedule_id"]),
            Index("idx_schedule_executions_scheduled_at", ["scheduled_at"]),
            Index("idx_schedule_executions_status", ["status"]),
        ]
    )

    /// `scheduler_leases`: which node fires schedules, until when (one row per lease name, renewed by its holder)
    public static let schedulerLeases = Table(
        "scheduler_leases",
        columns: [
            Column("id", .serial),
            Column("name", .varchar(50), null: false),
            Column("holder", .varchar(255), null: false),
            Column("acquired_at", .timestamptz, null: false),
            Column("expires_at", .timestamptz, null: false),
        ],
        primaryKey: PrimaryKey("scheduler_leases_pkey", ["id"]),
        uniques: [UniqueConstraint("scheduler_leases_name_key", ["name"])]
    )
}
