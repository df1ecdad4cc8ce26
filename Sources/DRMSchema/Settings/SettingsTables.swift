// The declared tables of this domain, with the exact names and types of spec/schema.md. Change them here, then
// write the migration that gets there with `enabledrm db revision --autogenerate`.

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
            UniqueConstraint("system_settings_setting_key_key", ["setting_key"])
        ]
    )
}
