// The declared tables of this domain, with the exact names and types of spec/schema.md. Change them here, then
// write the migration that gets there with `enabledrm db revision --autogenerate`.

extension Table {
    /// `alembic_version`: revision marker table
    public static let alembicVersion = Table(
        "alembic_version",
        columns: [
            Column("version_num", .varchar(32), null: false)
        ],
        primaryKey: PrimaryKey("alembic_version_pkc", ["version_num"])
    )
}
