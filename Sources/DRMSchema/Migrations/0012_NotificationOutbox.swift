// Shipped migrations are never edited: add a new one instead.
extension Migration {
    /// notification destinations, rules and the delivery outbox; attempts in notification_logs
    static let m0012 = Migration(
        "0012",
        "notification destinations, rules and the delivery outbox; attempts in notification_logs",
        up: [
            .createTable(
                Table(
                    "notification_destinations",
                    columns: [
                        Column("id", .serial),
                        Column("destination_uuid", .uuid, null: false, default: .randomUUID),
                        Column("name", .varchar(255), null: false),
                        Column("destination_type", .enumeration("notification_type"), null: false),
                        Column("config", .jsonb, null: false),
                        Column("secret_encrypted", .text),
                        Column("previous_secret_encrypted", .text),
                        Column("is_enabled", .boolean, null: false, default: .bool(true)),
                        Column("disabled_reason", .text),
                        Column("consecutive_failures", .integer, null: false, default: .int(0)),
                        Column("created_by", .integer),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz),
                    ],
                    primaryKey: PrimaryKey("notification_destinations_pkey", ["id"]),
                    uniques: [
                        UniqueConstraint("notification_destinations_destination_uuid_key", ["destination_uuid"]),
                        UniqueConstraint("notification_destinations_name_key", ["name"]),
                    ],
                    foreignKeys: [
                        ForeignKey(
                            "notification_destinations_created_by_fkey", ["created_by"], references: "users",
                            onDelete: .setNull)
                    ],
                    indexes: [Index("idx_notification_destinations_created_by", ["created_by"])]
                )),
            .createTable(
                Table(
                    "notification_rules",
                    columns: [
                        Column("id", .serial),
                        Column("name", .varchar(255), null: false),
                        Column("job_id", .integer),
                        Column("events", .jsonb, null: false),
                        Column("destination_id", .integer, null: false),
                        Column("template_id", .integer),
                        Column("recipients", .jsonb),
                        Column("is_active", .boolean, null: false, default: .bool(true)),
                        Column("created_by", .integer),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("updated_at", .timestamptz),
                    ],
                    primaryKey: PrimaryKey("notification_rules_pkey", ["id"]),
                    foreignKeys: [
                        ForeignKey(
                            "notification_rules_job_id_fkey", ["job_id"], references: "jobs", onDelete: .cascade),
                        ForeignKey(
                            "notification_rules_destination_id_fkey", ["destination_id"],
                            references: "notification_destinations",
                            onDelete: .cascade),
                        ForeignKey(
                            "notification_rules_template_id_fkey", ["template_id"],
                            references: "notification_templates",
                            onDelete: .setNull),
                        ForeignKey(
                            "notification_rules_created_by_fkey", ["created_by"], references: "users",
                            onDelete: .setNull),
                    ],
                    indexes: [
                        Index("idx_notification_rules_created_by", ["created_by"]),
                        Index("idx_notification_rules_destination_id", ["destination_id"]),
                        Index("idx_notification_rules_job_id", ["job_id"]),
                        Index("idx_notification_rules_template_id", ["template_id"]),
                    ]
                )),
            .createTable(
                Table(
                    "notification_deliveries",
                    columns: [
                        Column("id", .serial),
                        Column("delivery_uuid", .uuid, null: false, default: .randomUUID),
                        Column("destination_id", .integer, null: false),
                        Column("rule_id", .integer),
                        Column("event_type", .varchar(50), null: false),
                        Column("job_execution_id", .integer),
                        Column("context_data", .jsonb, null: false),
                        Column("subject", .text),
                        Column("body", .text, null: false),
                        Column("html_body", .text),
                        Column("status", .varchar(20), null: false, default: .literal("pending")),
                        Column("attempts", .integer, null: false, default: .int(0)),
                        Column("max_attempts", .integer, null: false, default: .int(8)),
                        Column("next_attempt_at", .timestamptz),
                        Column("last_response_code", .integer),
                        Column("last_error", .text),
                        Column("created_at", .timestamptz, default: .currentTimestamp),
                        Column("delivered_at", .timestamptz),
                        Column("updated_at", .timestamptz),
                    ],
                    primaryKey: PrimaryKey("notification_deliveries_pkey", ["id"]),
                    uniques: [UniqueConstraint("notification_deliveries_delivery_uuid_key", ["delivery_uuid"])],
                    foreignKeys: [
                        ForeignKey(
                            "notification_deliveries_destination_id_fkey", ["destination_id"],
                            references: "notification_destinations", onDelete: .cascade),
                        ForeignKey(
                            "notification_deliveries_rule_id_fkey", ["rule_id"], references: "notification_rules",
                            onDelete: .setNull),
                        ForeignKey(
                            "notification_deliveries_job_execution_id_fkey", ["job_execution_id"],
                            references: "job_executions",
                            onDelete: .setNull),
                    ],
                    indexes: [
                        Index("idx_notification_deliveries_created_at", ["created_at"]),
                        Index("idx_notification_deliveries_destination_id", ["destination_id"]),
                        Index("idx_notification_deliveries_job_execution_id", ["job_execution_id"]),
                        Index("idx_notification_deliveries_rule_id", ["rule_id"]),
                        Index("idx_notification_deliveries_status", ["status"]),
                    ]
                )),
            .addColumn(table: "notification_logs", Column("delivery_id", .integer)),
            .addColumn(table: "notification_logs", Column("attempt", .integer)),
            .addColumn(table: "notification_logs", Column("response_code", .integer)),
            .addColumn(table: "notification_logs", Column("latency_ms", .integer)),
            .createIndex(table: "notification_logs", Index("idx_notification_logs_delivery_id", ["delivery_id"])),
        ],
        down: [
            .dropIndex(table: "notification_logs", name: "idx_notification_logs_delivery_id"),
            .dropColumn(table: "notification_logs", column: "latency_ms"),
            .dropColumn(table: "notification_logs", column: "response_code"),
            .dropColumn(table: "notification_logs", column: "attempt"),
            .dropColumn(table: "notification_logs", column: "delivery_id"),
            .dropTable("notification_deliveries"),
            .dropTable("notification_rules"),
            .dropTable("notification_destinations"),
        ]
    )
}
