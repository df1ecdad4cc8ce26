// Shipped migrations are never edited: add a new one instead.
extension Migration {
    /// discovery runs on the task queue, addresses as text: progress, counters, cancel, template; device review, identity and import
    static let m0011 = Migration(
        "0011",
        "discovery runs on the task queue, device review and import",
        up: [
            // Text, not inet: addresses go over the wire and into the inventory as text on both databases.
            .alterColumnType(
                table: "discovered_devices", column: "ip_address", to: .varchar(45),
                using: .init(postgres: "host(\"ip_address\")")),
            .addColumn(table: "discovery_jobs", Column("template_id", .integer)),
            .addColumn(table: "discovery_jobs", Column("task_id", .varchar(255))),
            .addColumn(table: "discovery_jobs", Column("phase", .varchar(20))),
            .addColumn(table: "discovery_jobs", Column("progress_done", .integer, null: false, default: .int(0))),
            .addColumn(table: "discovery_jobs", Column("progress_total", .integer, null: false, default: .int(0))),
            .addColumn(table: "discovery_jobs", Column("open_port_count", .integer, null: false, default: .int(0))),
            .addColumn(
                table: "discovery_jobs", Column("cancel_requested", .boolean, null: false, default: .bool(false))),
            .createIndex(table: "discovery_jobs", Index("idx_discovery_jobs_template_id", ["template_id"])),
            .addColumn(
                table: "discovered_devices",
                Column("review_state", .varchar(20), null: false, default: .literal("pending"))),
            .addColumn(table: "discovered_devices", Column("identity_kind", .varchar(20))),
            .addColumn(table: "discovered_devices", Column("identity", .varchar(255))),
            .addColumn(table: "discovered_devices", Column("target_id", .integer)),
            .createIndex(table: "discovered_devices", Index("idx_discovered_devices_identity", ["identity"])),
            .createIndex(table: "discovered_devices", Index("idx_discovered_devices_target_id", ["target_id"])),
        ],
        down: [
            .dropIndex(table: "discovered_devices", name: "idx_discovered_devices_target_id"),
            .dropIndex(table: "discovered_devices", name: "idx_discovered_devices_identity"),
            .dropColumn(table: "discovered_devices", column: "target_id"),
            .dropColumn(table: "discovered_devices", column: "identity"),
            .dropColumn(table: "discovered_devices", column: "identity_kind"),
            .dropColumn(table: "discovered_devices", column: "review_state"),
            .dropIndex(table: "discovery_jobs", name: "idx_discovery_jobs_template_id"),
            .dropColumn(table: "discovery_jobs", column: "cancel_requested"),
            .dropColumn(table: "discovery_jobs", column: "open_port_count"),
            .dropColumn(table: "discovery_jobs", column: "progress_total"),
            .dropColumn(table: "discovery_jobs", column: "progress_done"),
            .dropColumn(table: "discovery_jobs", column: "phase"),
            .dropColumn(table: "discovery_jobs", column: "task_id"),
            .dropColumn(table: "discovery_jobs", column: "template_id"),
            .alterColumnType(
                table: "discovered_devices", column: "ip_address", to: .inet,
                using: .init(postgres: "\"ip_address\"::inet")),
        ]
    )
}
