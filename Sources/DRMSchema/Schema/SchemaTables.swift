// The baseline tables of this domain, exactly as in the original ENABLEDRM schema (spec/schema.md).
// Shipped with migration 0001: never edit; change them with a new migration.

extension Table {
    /// `alembic_version`: revision marker table
    public static let alembicVersion = Table(
        "alembic_version",
        columns: [
            Column("version_num", .varchar(32), null: false),
        ],
        primaryKey: PrimaryKey("alembic_version_pkc", ["version_num"])
    )
}
