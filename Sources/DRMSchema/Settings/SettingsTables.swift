// The baseline tables of this domain, exactly as in the original ENABLEDRM schema (spec/schema.md).
// Shipped with migration 0001: never edit; change them with a new migration.

extension Table {
    /// `system_settings`: key/value configuration
    public static let systemSettings = Table(
        "system_settings",
        columns: [
            Column("id", .serial),
            Column("setting_key", .varchar(100), null: false),
            Column("setting_value", .jsonb, null: false),
            Column("description", .text),
            Column("updated_at", .timestamptz, default: .currentTimestamp),
        ],
        primaryKey: PrimaryKey("system_settings_pkey", ["id"]),
        uniques: [
            UniqueConstraint("system_settings_setting_key_key", ["setting_key"]),
        ]
    )
}
