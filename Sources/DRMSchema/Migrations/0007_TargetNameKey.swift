// Shipped migrations are never edited: add a new one instead.
extension Migration {
    /// target name key: the lower-case name lists sort by, with an index, filled in for the existing targets
    static let m0007 = Migration(
        "0007",
        "target name key",
        up: [
            .addColumn(
                table: "universal_targets", Column("name_key", .varchar(100), null: false, default: .literal(""))),
            .sql(
                postgres: "UPDATE universal_targets SET name_key = left(lower(name), 100)",
                sqlite: "UPDATE universal_targets SET name_key = substr(lower(name), 1, 100)"),
            .createIndex(table: "universal_targets", Index("idx_universal_targets_name_key", ["name_key", "id"])),
        ],
        down: [
            .dropIndex(table: "universal_targets", name: "idx_universal_targets_name_key"),
            .dropColumn(table: "universal_targets", column: "name_key"),
        ]
    )
}
