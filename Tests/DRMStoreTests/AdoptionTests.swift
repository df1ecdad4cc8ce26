import DRMSchema
import DRMStore
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// Adopting a database that the original ENABLEDRM created: recognised, its drift listed, brought to head whole.
@Suite struct AdoptionTests {
    static let tables = [
        "users", "system_settings", "analytics_alert_rules", "report_templates", "alert_rules", "jobs",
        "job_actions", "job_schedules", "discovery_jobs", "discovered_devices",
    ]

    func rowCounts(_ sql: any SQLDatabase) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in Self.tables {
            counts[table] = try await sql.raw(SQLQueryString("SELECT count(*) AS n FROM \(unsafeRaw: table)")).first()?
                .decode(
                    column: "n", as: Int.self)
        }
        return counts
    }

    @Test func checkRecognisesTheOriginalAndListsItsDrift() async throws {
        try await TestDatabase.with(.postgres, migrated: false) { database in
            try await OriginalDatabase.create(on: database.sql)

            let report = try await SchemaCheck(database: database.sql).run()

            #expect(report.status == .original)
            #expect(report.revision == "4b6ff43c35af")
            let found = Set(report.differences)
            for expected in [
                DriftCase.d(.type, "job_actions.action_parameters", "jsonb", "json"),
                DriftCase.d(.type, "alert_rules.is_active", "boolean", "integer"),
                DriftCase.d(.type, "users.last_login", "timestamp with time zone", "timestamp without time zone"),
                DriftCase.d(.type, "analytics_alert_rules.severity", "alert_severity", "character varying(20)"),
                DriftCase.d(
                    .missingForeignKey, "user_sessions(user_id) user_sessions_user_id_fkey", "user_id → users(id)"),
                DriftCase.d(
                    .foreignKeyAction, "job_actions(job_id) job_actions_job_id_fkey",
                    "ON DELETE CASCADE ON UPDATE NO ACTION", "ON DELETE NO ACTION ON UPDATE NO ACTION"),
                DriftCase.d(
                    .unique, "job_targets(job_id, target_id) job_targets_job_id_target_id_key", "job_id, target_id"),
                DriftCase.d(.missingIndex, "job_targets(target_id) idx_job_targets_target_id", "(target_id)"),
                DriftCase.d(.extraIndex, "users(id) ix_users_id", nil, "(id)"),
                DriftCase.d(.extraColumn, "alert_logs.is_resolved", nil, "boolean"),
            ] {
                #expect(found.contains(expected), "\(expected)")
            }
        }
    }

    @Test func upgradeAdoptsItWithoutLosingARow() async throws {
        try await TestDatabase.with(.postgres, migrated: false) { database in
            try await OriginalDatabase.create(on: database.sql)
            let before = try await rowCounts(database.sql)

            try await Migrator(database: database.sql).upgrade()

            let report = try await SchemaCheck(database: database.sql).run()
            #expect(report.differences == [], "\(report.differences.map(\.description).joined(separator: "\n"))")
            #expect(report.isAligned)
            #expect(try await rowCounts(database.sql) == before)
            let sql = database.sql
            let active = try await sql.raw("SELECT name, is_active FROM alert_rules ORDER BY name").all()
            #expect(try active.map { try $0.decode(column: "is_active", as: Bool.self) } == [false, true])
            let severities = try await sql.raw("SELECT severity::text AS s FROM analytics_alert_rules ORDER BY id")
                .all()
            #expect(
                try severities.map { try $0.decode(column: "s", as: String.self) } == [
                    "medium", "critical", "medium", "critical", "medium", "critical",
                ])
            let schedules = try await sql.raw("SELECT schedule_type::text AS t FROM job_schedules ORDER BY id").all()
            #expect(try schedules.map { try $0.decode(column: "t", as: String.self) } == ["interval", "one_time"])
            let login = try await sql.raw("SELECT last_login FROM users WHERE username = 'admin'").first()
            #expect(
                try login?.decode(column: "last_login", as: Date.self) == Date(timeIntervalSince1970: 1_740_817_800),
                "read as UTC")
            let views = try await sql.raw(
                "SELECT viewname::text AS v FROM pg_views WHERE schemaname = current_schema() ORDER BY 1"
            ).all()
            #expect(
                try views.map { try $0.decode(column: "v", as: String.self) } == [
                    "analytics_summary", "target_performance_summary",
                ])
            let parameters = try await sql.raw("SELECT action_parameters->>'command' AS c FROM job_actions").first()
            #expect(try parameters?.decode(column: "c", as: String.self) == "uname -a")
        }
    }

    @Test func aValueOutsideTheEnumRefusesTheWholeAdoption() async throws {
        try await TestDatabase.with(.postgres, migrated: false) { database in
            try await OriginalDatabase.create(on: database.sql)
            try await database.sql.raw(
                "INSERT INTO job_schedules (job_id, name, schedule_type, created_by) VALUES (1, 'odd', 'fortnightly', 1)"
            ).run()

            await #expect {
                try await Migrator(database: database.sql).upgrade()
            } throws: { error in
                "\(error)".contains(
                    "job_schedules.schedule_type holds values that are not in enum schedule_type: fortnightly")
            }

            #expect(try await Migrator(database: database.sql).currentRevision() == "4b6ff43c35af")
            #expect(try await SchemaCheck(database: database.sql).run().status == .original)
        }
    }
}
