// The tables migration 0012 adds for notifications: where messages go, which events send them, and the outbox of
// deliveries (written in the transaction of the event that causes them, sent by the queue's workers).

extension Table {
    /// `notification_destinations`: a webhook or an email destination; its signing secrets are encrypted at rest.
    public static let notificationDestinations = Table(
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
                "notification_destinations_created_by_fkey", ["created_by"], references: "users", onDelete: .setNull)
        ],
        indexes: [Index("idx_notification_destinations_created_by", ["created_by"])]
    )

    /// `notification_rules`: which events of one job (or of every job, `job_id` null) go to which destination.
    public static let notificationRules = Table(
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
            ForeignKey("notification_rules_job_id_fkey", ["job_id"], references: "jobs", onDelete: .cascade),
            ForeignKey(
                "notification_rules_destination_id_fkey", ["destination_id"], references: "notification_destinations",
                onDelete: .cascade),
            ForeignKey(
                "notification_rules_template_id_fkey", ["template_id"], references: "notification_templates",
                onDelete: .setNull),
            ForeignKey("notification_rules_created_by_fkey", ["created_by"], references: "users", onDelete: .setNull),
        ],
        indexes: [
            Index("idx_notification_rules_created_by", ["created_by"]),
            Index("idx_notification_rules_destination_id", ["destination_id"]),
            Index("idx_notification_rules_job_id", ["job_id"]),
            Index("idx_notification_rules_template_id", ["template_id"]),
        ]
    )

    /// `notification_deliveries`: the outbox: one message to one destination, with its rendered text, its state
    /// and when it is tried next. Its `delivery_uuid` is the `webhook-id` of every attempt.
    public static let notificationDeliveries = Table(
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
                "notification_deliveries_job_execution_id_fkey", ["job_execution_id"], references: "job_executions",
                onDelete: .setNull),
        ],
        indexes: [
            Index("idx_notification_deliveries_created_at", ["created_at"]),
            Index("idx_notification_deliveries_destination_id", ["destination_id"]),
            Index("idx_notification_deliveries_job_execution_id", ["job_execution_id"]),
            Index("idx_notification_deliveries_rule_id", ["rule_id"]),
            Index("idx_notification_deliveries_status", ["status"]),
        ]
    )
}
