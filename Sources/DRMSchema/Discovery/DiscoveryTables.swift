// The declared tables of this domain, with the exact names and types of spec/schema.md. Change them here, then
// write the migration that gets there with `enabledrm db revision --autogenerate`.

extension Table {
    /// `discovery_jobs`: a network scan run (database/init/05 shape)
    public static let discoveryJobs = Table(
        "discovery_jobs",
        columns: [
            Column("id", .serial),
            Column("discovery_uuid", .uuid, null: false, default: .randomUUID),
            Column("discovery_serial", .varchar(50), null: false, default: .serialNumber(prefix: "DISC-", width: 8)),
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
            Column("template_id", .integer),
            Column("task_id", .varchar(255)),
            Column("phase", .varchar(20)),
            Column("progress_done", .integer, null: false, default: .int(0)),
            Column("progress_total", .integer, null: false, default: .int(0)),
            Column("open_port_count", .integer, null: false, default: .int(0)),
            Column("cancel_requested", .boolean, null: false, default: .bool(false)),
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
            Index("idx_discovery_jobs_template_id", ["template_id"]),
        ]
    )

    /// `discovered_devices`: hosts found by a discovery job (database/init/05 shape)
    public static let discoveredDevices = Table(
        "discovered_devices",
        columns: [
            Column("id", .serial),
            Column("device_uuid", .uuid, null: false, default: .randomUUID),
            Column("device_serial", .varchar(50), null: false, default: .serialNumber(prefix: "DEV-", width: 8)),
            Column("discovery_job_id", .integer, null: false),
            Column("ip_address", .varchar(45), null: false),
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
            Column("review_state", .varchar(20), null: false, default: .literal("pending")),
            Column("identity_kind", .varchar(20)),
            Column("identity", .varchar(255)),
            Column("target_id", .integer),
        ],
        primaryKey: PrimaryKey("discovered_devices_pkey", ["id"]),
        uniques: [
            UniqueConstraint("discovered_devices_device_serial_key", ["device_serial"]),
            UniqueConstraint("discovered_devices_device_uuid_key", ["device_uuid"]),
        ],
        foreignKeys: [
            ForeignKey(
                "discovered_devices_discovery_job_id_fkey", ["discovery_job_id"], references: "discovery_jobs",
                onDelete: .cascade)
        ],
        indexes: [
            Index("idx_discovered_devices_device_type", ["device_type"]),
            Index("idx_discovered_devices_discovery_job_id", ["discovery_job_id"]),
            Index("idx_discovered_devices_hostname", ["hostname"]),
            Index("idx_discovered_devices_ip_address", ["ip_address"]),
            Index("idx_discovered_devices_identity", ["identity"]),
            Index("idx_discovered_devices_target_id", ["target_id"]),
        ]
    )

    /// `discovery_templates`: reusable scan configurations (database/init/05 shape)
    public static let discoveryTemplates = Table(
        "discovery_templates",
        columns: [
            Column("id", .serial),
            Column("template_uuid", .uuid, null: false, default: .randomUUID),
            Column("template_serial", .varchar(50), null: false, default: .serialNumber(prefix: "TMPL-", width: 8)),
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
    )

    /// `discovery_schedules`: cron-driven discovery (database/init/05 shape)
    public static let discoverySchedules = Table(
        "discovery_schedules",
        columns: [
            Column("id", .serial),
            Column("schedule_uuid", .uuid, null: false, default: .randomUUID),
            Column("schedule_serial", .varchar(50), null: false, default: .serialNumber(prefix: "SCHED-", width: 8)),
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
    )
}
