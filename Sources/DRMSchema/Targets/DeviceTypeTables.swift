// The declared tables of this domain, with the exact names and types of spec/schema.md. Change them here, then
// write the migration that gets there with `enabledrm db revision --autogenerate`.

extension Table {
    /// `device_type_categories`.
    public static let deviceTypeCategories = Table(
        "device_type_categories",
        columns: [
            Column("id", .serial),
            Column("value", .varchar(50), null: false),
            Column("label", .varchar(200), null: false),
            Column("description", .text),
            Column("icon", .varchar(50)),
            Column("color", .varchar(7)),
            Column("sort_order", .integer, default: .int(0)),
            Column("is_system", .boolean, null: false, default: .bool(true)),
            Column("is_active", .boolean, null: false, default: .bool(true)),
            Column("created_at", .timestamptz, default: .now),
            Column("updated_at", .timestamptz),
        ],
        primaryKey: PrimaryKey("device_type_categories_pkey", ["id"]),
        uniques: [
            UniqueConstraint("device_type_categories_value_key", ["value"])
        ],
        checks: [
            CheckConstraint(
                "ck_device_type_categories_color",
                postgres: #"(((color IS NULL) OR ((color)::text ~ '^#[0-9A-Fa-f]{6}$'::text)))"#,
                sqlite:
                    #"color IS NULL OR (length(color) = 7 AND color GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]')"#
            )
        ]
    )

    /// `device_types`: catalogue of device kinds (system + user-defined)
    public static let deviceTypes = Table(
        "device_types",
        columns: [
            Column("id", .serial),
            Column("value", .varchar(100), null: false),
            Column("label", .varchar(200), null: false),
            Column("category", .varchar(50), null: false),
            Column("description", .text),
            Column("communication_methods", .jsonb, null: false, default: .literal("[]")),
            Column("discovery_ports", .jsonb, null: false, default: .literal("[]")),
            Column("discovery_oids", .jsonb, null: false, default: .literal("[]")),
            Column("discovery_services", .jsonb, null: false, default: .literal("[]")),
            Column("discovery_keywords", .jsonb, null: false, default: .literal("[]")),
            Column("is_system", .boolean, null: false, default: .bool(true)),
            Column("is_active", .boolean, null: false, default: .bool(true)),
            Column("created_by", .integer),
            Column("created_at", .timestamptz, default: .now),
            Column("updated_at", .timestamptz),
            Column("search_vector", .text),
            Column("tags", .jsonb, null: false, default: .literal("[]")),
        ],
        primaryKey: PrimaryKey("device_types_pkey", ["id"]),
        uniques: [
            UniqueConstraint("device_types_value_key", ["value"])
        ],
        foreignKeys: [
            ForeignKey("device_types_created_by_fkey", ["created_by"], references: "users", onDelete: .setNull)
        ],
        indexes: [
            Index("idx_device_types_category", ["category"]),
            Index("idx_device_types_category_active", ["category", "is_active"]),
            Index("idx_device_types_created_by", ["created_by"]),
        ]
    )

    /// `device_type_templates`: saved device-type definitions to clone
    public static let deviceTypeTemplates = Table(
        "device_type_templates",
        columns: [
            Column("id", .serial),
            Column("name", .varchar(200), null: false),
            Column("description", .text),
            Column("category", .varchar(50), null: false),
            Column("template_config", .jsonb, null: false),
            Column("is_public", .boolean, null: false, default: .bool(false)),
            Column("created_by", .integer, null: false),
            Column("created_at", .timestamptz, default: .now),
            Column("updated_at", .timestamptz),
            Column("usage_count", .integer, default: .int(0)),
            Column("last_used", .timestamptz),
        ],
        primaryKey: PrimaryKey("device_type_templates_pkey", ["id"]),
        foreignKeys: [
            ForeignKey("device_type_templates_created_by_fkey", ["created_by"], references: "users", onDelete: .cascade)
        ],
        indexes: [
            Index("idx_device_type_templates_category", ["category"]),
            Index("idx_device_type_templates_created_by", ["created_by"]),
        ]
    )

    /// `device_type_usage`: per-user usage counters
    public static let deviceTypeUsage = Table(
        "device_type_usage",
        columns: [
            Column("id", .serial),
            Column("device_type_value", .varchar(100), null: false),
            Column("user_id", .integer, null: false),
            Column("usage_context", .varchar(100)),
            Column("usage_count", .integer, default: .int(1)),
            Column("last_used", .timestamptz, default: .now),
            Column("context_data", .jsonb),
        ],
        primaryKey: PrimaryKey("device_type_usage_pkey", ["id"]),
        foreignKeys: [
            ForeignKey("device_type_usage_user_id_fkey", ["user_id"], references: "users", onDelete: .cascade)
        ],
        indexes: [
            Index("idx_device_type_usage_user_id", ["user_id"]),
            Index(
                "idx_device_type_usage_user_value_ctx", ["user_id", "device_type_value", "usage_context"], unique: true),
        ]
    )
}
