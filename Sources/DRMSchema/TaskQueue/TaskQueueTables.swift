// The declared tables of this domain, with the exact names and types of spec/schema.md. Change them here, then
// write the migration that gets there with `enabledrm db revision --autogenerate`.

extension EnumType {
    /// `task_status`.
    public static let taskStatus = EnumType(
        "task_status", ["pending", "started", "retry", "failure", "success", "revoked"])
}

extension Table {
    /// `celery_task_history`: finished/observed background tasks
    public static let celeryTaskHistory = Table(
        "celery_task_history",
        columns: [
            Column("id", .serial),
            Column("task_uuid", .uuid, null: false, default: .randomUUID),
            Column("task_serial", .varchar(50), null: false, default: .serialNumber(prefix: "TASK-", width: 8)),
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
            Column("lease_expires_at", .timestamptz),
        ],
        primaryKey: PrimaryKey("celery_task_history_pkey", ["id"]),
        uniques: [
            UniqueConstraint("celery_task_history_task_id_key", ["task_id"]),
            UniqueConstraint("celery_task_history_task_serial_key", ["task_serial"]),
            UniqueConstraint("celery_task_history_task_uuid_key", ["task_uuid"]),
        ],
        // Only what the queue's queries need: every index of this table is written on each claim and each finish
        // (both change `status`), and finished rows pile up without end. Waiting tasks (claims, depth, revocation)
        // and leased ones (the lost-worker sweep) are few, so each has a partial index that history never enters.
        // The waiting rows' index is on `id` alone: it then has the primary key's order with fewer entries, so the
        // planner prefers it whatever the statistics (a prepared claim's generic plan, stale counts).
        indexes: [
            Index(
                "idx_celery_task_history_waiting", ["id"],
                where: "(status = ANY (ARRAY['pending'::task_status, 'retry'::task_status]))",
                sqliteWhere: "status IN ('pending', 'retry')"),
            Index(
                "idx_celery_task_history_leased", ["lease_expires_at"], where: "(status = 'started'::task_status)",
                sqliteWhere: "status = 'started'"),
        ]
    )

    /// `celery_metrics_snapshots`: periodic worker metrics
    public static let celeryMetricsSnapshots = Table(
        "celery_metrics_snapshots",
        columns: [
            Column("id", .serial),
            Column("snapshot_uuid", .uuid, null: false, default: .randomUUID),
            Column("snapshot_serial", .varchar(50), null: false, default: .serialNumber(prefix: "SNAP-", width: 8)),
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
    )
}
