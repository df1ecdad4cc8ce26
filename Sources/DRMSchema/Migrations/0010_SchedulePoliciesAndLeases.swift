// Shipped migrations are never edited: add a new one instead.
extension Migration {
    /// schedule policies, one occurrence per scheduled time, scheduler leases
    static let m0010 = Migration(
        "0010",
        "schedule policies, one occurrence per scheduled time, scheduler leases",
        up: [
            .addEnumValue(enum: "execution_status_schedule", value: "missed"),
            .addEnumValue(enum: "execution_status_schedule", value: "buffered"),
            .addEnumValue(enum: "execution_status_schedule", value: "cancelled"),
            .addColumn(
                table: "job_schedules",
                Column("overlap_policy", .varchar(20), null: false, default: .literal("skip"))),
            .addColumn(
                table: "job_schedules",
                Column("missed_run_policy", .varchar(20), null: false, default: .literal("run_once"))),
            .addColumn(
                table: "job_schedules",
                Column("catchup_window_seconds", .integer, null: false, default: .int(3600))),
            .addColumn(table: "job_schedules", Column("missed_run_cap", .integer, null: false, default: .int(10))),
            .addColumn(table: "job_schedules", Column("paused_reason", .text)),
            .addColumn(table: "job_schedules", Column("parameters", .jsonb)),
            .addColumn(
                table: "job_schedules", Column("origin", .varchar(20), null: false, default: .literal("user"))),
            .addUnique(
                table: "schedule_executions",
                UniqueConstraint(
                    "schedule_executions_job_schedule_id_scheduled_at_key", ["job_schedule_id", "scheduled_at"])),
            .createTable(
                Table(
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
                )),
        ],
        down: [
            .dropTable("scheduler_leases"),
            .dropConstraint(table: "schedule_executions", name: "schedule_executions_job_schedule_id_scheduled_at_key"),
            .dropColumn(table: "job_schedules", column: "origin"),
            .dropColumn(table: "job_schedules", column: "parameters"),
            .dropColumn(table: "job_schedules", column: "paused_reason"),
            .dropColumn(table: "job_schedules", column: "missed_run_cap"),
            .dropColumn(table: "job_schedules", column: "catchup_window_seconds"),
            .dropColumn(table: "job_schedules", column: "missed_run_policy"),
            .dropColumn(table: "job_schedules", column: "overlap_policy"),
        ]
    )
}
