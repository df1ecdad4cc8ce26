// The declared tables of this domain, with the exact names and types of spec/schema.md. Change them here, then
// write the migration that gets there with `enabledrm db revision --autogenerate`.

extension Table {
    /// `universal_targets`: managed endpoints (servers, APIs, DBs, mail servers …)
    public static let universalTargets = Table(
        "universal_targets",
        columns: [
            Column("id", .serial),
            Column("target_uuid", .uuid, null: false, default: .randomUUID),
            Column("target_serial", .varchar(20), null: false, default: .serialNumber(prefix: "TGT-", width: 6)),
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
            // Added by migration 0003: labels for selecting targets, and the device type (`device_types.value`).
            Column("tags", .jsonb, null: false, default: .literal("[]")),
            Column("device_type", .varchar(100)),
            // Added by migration 0007: the name as lists sort it (lower case), kept by every write of the name so
            // that a page of a large inventory is read from an index instead of sorting every row.
            Column("name_key", .varchar(100), null: false, default: .literal("")),
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
            Index("idx_universal_targets_device_type", ["device_type"]),
            Index("idx_universal_targets_name_key", ["name_key", "id"]),
        ]
    )

    /// `target_communication_methods`: how to reach a target (ssh, winrm, http, smtp, db …)
    public static let targetCommunicationMethods = Table(
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
            // Added by migration 0003: the SSH host key this method trusts (OpenSSH public-key line), and the
            // outcome of its last connection test.
            Column("host_key", .text),
            Column("last_tested_at", .timestamptz),
            Column("last_test_success", .boolean),
            Column("last_test_category", .varchar(20)),
            Column("last_test_message", .text),
            Column("last_test_latency_ms", .integer),
            Column("last_test_details", .jsonb),
        ],
        primaryKey: PrimaryKey("target_communication_methods_pkey", ["id"]),
        foreignKeys: [
            ForeignKey(
                "target_communication_methods_target_id_fkey", ["target_id"], references: "universal_targets",
                onDelete: .cascade)
        ],
        indexes: [
            Index("idx_target_communication_methods_one_primary", ["target_id"], unique: true, where: "is_primary"),
            Index("idx_target_communication_methods_target_id", ["target_id"]),
        ]
    )

    /// `target_credentials`: encrypted credentials attached to a communication method
    public static let targetCredentials = Table(
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
            // 0016: the credential's non-secret summary, so lists never decrypt.
            Column("summary", .jsonb),
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
    )
}
