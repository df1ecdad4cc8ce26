// The declared table of the audit log. Change it here, then write the migration that gets there with
// `enabledrm db revision --autogenerate`.

extension Table {
    /// `audit_events`: the append-only audit log. Not one of the original's 35 tables (the original wrote audit
    /// events to a file and Redis, spec/domain.md §2); added by migration 0002. `checksum` is the SHA-256 of the
    /// row's canonical content, so an edited row is detectable.
    public static let auditEvents = Table(
        "audit_events",
        columns: [
            Column("id", .serial),
            Column("occurred_at", .timestamptz, null: false, default: .currentTimestamp),
            Column("actor_user_id", .integer),
            Column("actor_name", .varchar(100), null: false),
            Column("action", .varchar(64), null: false),
            Column("outcome", .varchar(20), null: false, default: .literal("success")),
            Column("severity", .varchar(20), null: false, default: .literal("info")),
            Column("resource_type", .varchar(50)),
            Column("resource_id", .varchar(100)),
            Column("ip_address", .varchar(45)),
            Column("user_agent", .text),
            Column("request_id", .varchar(64)),
            Column("details", .jsonb, null: false, default: .literal("{}")),
            Column("checksum", .varchar(64), null: false),
        ],
        primaryKey: PrimaryKey("audit_events_pkey", ["id"]),
        foreignKeys: [
            ForeignKey("audit_events_actor_user_id_fkey", ["actor_user_id"], references: "users", onDelete: .setNull)
        ],
        checks: [
            .oneOf("ck_audit_events_outcome", column: "outcome", ["success", "failure", "denied"]),
            .oneOf("ck_audit_events_severity", column: "severity", ["info", "low", "medium", "high", "critical"]),
        ],
        indexes: [
            Index("idx_audit_events_occurred_at", ["occurred_at"]),
            Index("idx_audit_events_actor_user_id", ["actor_user_id"]),
            Index("idx_audit_events_action", ["action"]),
            Index("idx_audit_events_resource", ["resource_type", "resource_id"]),
        ]
    )
}
