// The declared tables of this domain, with the exact names and types of spec/schema.md. Change them here, then
// write the migration that gets there with `enabledrm db revision --autogenerate`.

extension EnumType {
    /// `notification_type`.
    public static let notificationType = EnumType("notification_type", ["email", "slack", "webhook", "sms"])
    /// `notification_status`.
    public static let notificationStatus = EnumType("notification_status", ["pending", "sent", "failed", "delivered"])
    /// `alert_status`.
    public static let alertStatus = EnumType("alert_status", ["active", "acknowledged", "resolved", "suppressed"])
}

extension Table {
    /// `notification_templates`: message templates (database/init/07 shape)
    public static let notificationTemplates = Table(
        "notification_templates",
        columns: [
            Column("id", .serial),
            Column("template_uuid", .uuid, null: false, default: .randomUUID),
            Column("template_serial", .varchar(50), null: false, default: .serialNumber(prefix: "NTMPL-", width: 8)),
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
    )

    /// `notification_logs`: every notification sent (database/init/07 shape)
    public static let notificationLogs = Table(
        "notification_logs",
        columns: [
            Column("id", .serial),
            Column("log_uuid", .uuid, null: false, default: .randomUUID),
            Column("log_serial", .varchar(50), null: false, default: .serialNumber(prefix: "NLOG-", width: 8)),
            Column("template_id", .integer),
            Column("notification_type", .enumeration("notification_type"), null: false),
            Column("recipient", .varchar(255), null: false),
            Column("subject", .varchar(500)),
            Column("message", .text, null: false),
            Column("status", .enumeration("notification_status"), null: false, default: .literal("pending")),
            Column("sent_at", .timestamptz),
            Column("delivered_at", .timestamptz),
            Column("error_message", .text),
            Column("retry_count", .integer, default: .int(0)),
            Column("max_retries", .integer, default: .int(3)),
            Column("context_data", .jsonb),
            Column("created_at", .timestamptz, default: .currentTimestamp),
            // Added by migration 0012: the attempt of which delivery this row records, and what came back.
            Column("delivery_id", .integer),
            Column("attempt", .integer),
            Column("response_code", .integer),
            Column("latency_ms", .integer),
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
            // Added by migration 0012.
            Index("idx_notification_logs_delivery_id", ["delivery_id"]),
        ]
    )

    /// `alert_rules`: alerting rules for notifications (07_notification_tables shape; the 04 metric-threshold shape lives in `analytics_alert_rules`)
    public static let alertRules = Table(
        "alert_rules",
        columns: [
            Column("id", .serial),
            Column("rule_uuid", .uuid, null: false, default: .randomUUID),
            Column("rule_serial", .varchar(50), null: false, default: .serialNumber(prefix: "ARULE-", width: 8)),
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
    )

    /// `alert_logs`: triggered alerts
    public static let alertLogs = Table(
        "alert_logs",
        columns: [
            Column("id", .serial),
            Column("alert_uuid", .uuid, null: false, default: .randomUUID),
            Column("alert_serial", .varchar(50), null: false, default: .serialNumber(prefix: "ALERT-", width: 8)),
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
                "alert_logs_alert_rule_id_fkey", ["alert_rule_id"], references: "alert_rules", onDelete: .cascade),
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
    )
}
