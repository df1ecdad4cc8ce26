import DRMSchema
import DRMStore
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// Adopting a database in the state the original's own init files leave it, with rows in every table.
@Suite struct OriginalInitAdoptionTests {
    @Test func theFixtureFailsWhereTheOriginalFails() async throws {
        try await TestDatabase.with(.postgres, migrated: false) { database in
            let outcome = try await OriginalInitDatabase.create(on: database.sql)

            // 07's indexes on the notification-shaped alert_rules columns that 04's table lacks.
            #expect(
                outcome.failed.map { $0.sql } == [
                    "create index if not exists idx_alert_rules_rule_type on alert_rules (rule_type)",
                    "create index if not exists idx_alert_rules_created_by on alert_rules (created_by)",
                    "create index if not exists idx_alert_rules_rule_uuid on alert_rules (rule_uuid)",
                    "create index if not exists idx_alert_rules_rule_serial on alert_rules (rule_serial)",
                ], "\(outcome.failed.map { $0.error })")
            #expect(outcome.failed.allSatisfy { $0.file == "07_notification_tables.sql" })
            let live = try await database.sql.introspectSchema()
            #expect(live.tables.count == 29, "28 tables of 01…08 and alembic_version")
            #expect(live.table("alert_rules")?.column("metric_type") != nil)
            #expect(live.table("alert_rules")?.column("is_active")?.type == .integer)
            let snapshot = try await OriginalInitDatabase.snapshot(on: database.sql)
            for (table, rows) in snapshot { #expect(!rows.isEmpty, "\(table) has rows") }
            #expect(snapshot["alert_rules"]?.count == 8, "6 seed rows and 2 more")
            #expect(snapshot["report_templates"]?.count == 6, "4 seed rows and 2 more")
            #expect(snapshot["system_settings"]?.count == 7, "5 seed rows and 2 more")
            #expect(try await SchemaCheck(database: database.sql).run().status == .original)
        }
    }

    @Test func upgradeAdoptsItKeepingEveryValue() async throws {
        try await TestDatabase.with(.postgres, migrated: false) { database in
            let sql = database.sql
            try await OriginalInitDatabase.create(on: sql)
            let before = try await OriginalInitDatabase.snapshot(on: sql)
            let declared = DatabaseSchema.declared

            try await Migrator(database: sql).upgrade()

            let report = try await SchemaCheck(database: sql).run()
            #expect(report.differences == [], "\(report.differences.map(\.description).joined(separator: "\n"))")
            #expect(report.isAligned)
            let second = try await Migrator(database: sql).upgrade()
            #expect(second.isEmpty, "a second upgrade does nothing")
            #expect(try await SchemaCheck(database: sql).run().isAligned)

            let after = try await OriginalInitDatabase.snapshot(on: sql)
            var mismatches: [String] = []
            var compared = 0
            for (table, rows) in before {
                for (id, row) in rows {
                    guard let now = after[table]?[id] else {
                        mismatches.append("\(table) id \(id): row gone")
                        continue
                    }
                    for (column, value) in row {
                        guard let kept = now[column] else { continue }
                        compared += 1
                        let notNull = declared.table(table)?.column(column)?.isNullable == false
                        if Self.same(value, kept, table: table, column: column, filled: notNull) { continue }
                        mismatches.append("\(table) id \(id) \(column): \(value ?? "NULL") → \(kept ?? "NULL")")
                    }
                }
            }
            // The metric-threshold rules, id for id, in analytics_alert_rules.
            for (id, row) in before["alert_rules"] ?? [:] {
                let moved = after["analytics_alert_rules"]?[id]
                for (column, value) in row where column != "is_active" || value != nil {
                    let declaredColumn = declared.table("analytics_alert_rules")?.column(column)
                    if !Self.same(
                        value, moved?[column] ?? nil, table: "alert_rules", column: column,
                        filled: declaredColumn?.isNullable == false)
                    {
                        mismatches.append("analytics_alert_rules id \(id) \(column): \(value ?? "NULL") lost")
                    }
                }
            }
            #expect(mismatches == [], "\(mismatches.sorted().joined(separator: "\n"))")
            #expect(compared > 700, "every kept column of every row: \(compared) values")
            #expect(before.count == 28 && before.values.allSatisfy { !$0.isEmpty })

            let rules = try await sql.raw(
                "SELECT rule_type, condition_config->>'metric_type' AS m, created_by FROM alert_rules WHERE id = 1"
            ).first()
            #expect(try rules?.decode(column: "rule_type", as: String.self) == "metric_threshold")
            #expect(try rules?.decode(column: "m", as: String.self) == "job_execution")
            #expect(try rules?.decode(column: "created_by", as: Int.self) == 1, "owned by the first administrator")
            let credential = try await sql.raw(
                """
                SELECT m.target_id, c.encrypted_credentials::jsonb->>'username' AS u FROM target_credentials c
                JOIN target_communication_methods m ON m.id = c.communication_method_id WHERE c.id = 2
                """
            ).first()
            #expect(try credential?.decode(column: "target_id", as: Int.self) == 3)
            #expect(try credential?.decode(column: "u", as: String.self) == "Administrator")
            let serial = try await sql.raw("SELECT job_serial FROM jobs WHERE id = 2").first()
            #expect(try serial?.decode(column: "job_serial", as: String.self) == "JOB-000002", "derived from the id")
        }
    }

    @Test func anUnconvertibleRowStopsTheWholeAdoption() async throws {
        try await TestDatabase.with(.postgres, migrated: false) { database in
            let sql = database.sql
            try await OriginalInitDatabase.create(on: sql)
            try await sql.raw(
                """
                INSERT INTO alert_rules (name, metric_type, condition, threshold_value)
                VALUES ('Between', 'error_rate', 'between', 3)
                """
            ).run()
            let before = try await OriginalInitDatabase.snapshot(on: sql)

            await #expect {
                try await Migrator(database: sql).upgrade()
            } throws: { error in
                "\(error)".contains("id 9 (Between): condition between")
            }

            #expect(try await Migrator(database: sql).currentRevision() == "2d9a04ef6730")
            #expect(try await OriginalInitDatabase.snapshot(on: sql) == before, "nothing changed")
        }
    }

    /// Whether a value kept its meaning: the same text, 0/1 as a boolean, the original's severity words as the
    /// enum's, and a NULL in a column that became NOT NULL filled with its documented value.
    static func same(_ old: String?, _ new: String?, table: String, column: String, filled: Bool) -> Bool {
        if old == new { return true }
        guard let old else { return filled && new != nil }
        switch (old, new) {
        case ("0", "false"), ("1", "true"): return true
        case ("info", "low"), ("warning", "medium"): return column == "severity"
        default: return false
        }
    }
}
