import DRMSchema
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// The seeds' report (`../shared/seeds/ENABLEDRM-database-analysis-report.txt`: an analysis of a real original
/// database at Alembic revision 2d9a04ef6730) set beside `db report` on the database the original's own init
/// files leave (``OriginalInitDatabase``): what the init files make is what the report found, and what the report
/// found beyond them came later (the ORM's tables, indexes added by hand), as the report itself says.
@Suite struct OriginalSeedReportTests {
    /// The report's "Complete Table Inventory": 34 application tables and `alembic_version`.
    static let reportTables: Set<String> = [
        "users", "user_sessions", "universal_targets", "target_communication_methods", "target_credentials", "jobs",
        "job_actions", "job_targets", "job_executions", "job_execution_branches", "job_action_results",
        "job_execution_logs", "job_schedules", "schedule_executions", "performance_metrics", "system_health_snapshots",
        "analytics_alert_rules", "report_templates", "generated_reports", "discovery_jobs", "discovered_devices",
        "discovery_templates", "discovery_schedules", "notification_templates", "notification_logs", "alert_rules",
        "alert_logs", "celery_task_history", "celery_metrics_snapshots", "system_settings", "device_types",
        "device_type_categories", "device_type_templates", "device_type_usage", "alembic_version",
    ]
    /// The report's tables that no init file makes: the ORM's (`Base.metadata.create_all`) and Alembic's.
    static let laterTables: Set<String> = [
        "job_action_results", "analytics_alert_rules", "device_types", "device_type_categories",
        "device_type_templates", "device_type_usage",
    ]
    /// The report's "Added Critical Indexes (18 total)", added by hand after the init files ran.
    static let addedIndexes: Set<String> = [
        "idx_alert_logs_alert_rule_id", "idx_device_type_templates_created_by", "idx_device_type_usage_user_id",
        "idx_device_types_created_by", "idx_discovery_schedules_created_by", "idx_discovery_templates_created_by",
        "idx_generated_reports_generated_by", "idx_job_action_results_action_id", "idx_job_action_results_branch_id",
        "idx_target_credentials_communication_method_id", "idx_jobs_status_created_by",
        "idx_job_executions_job_id_status", "idx_universal_targets_type_environment",
        "idx_job_execution_branches_execution_status", "idx_job_executions_created_at",
        "idx_job_execution_logs_timestamp_level", "idx_performance_metrics_timestamp",
        "idx_system_health_snapshots_timestamp",
    ]

    @Test func theInitFilesDatabaseAgainstTheSeedsReport() async throws {
        try await TestDatabase.with(.postgres, migrated: false) { database in
            try await OriginalInitDatabase.create(on: database.sql)
            let report = try await SchemaReport.collect(from: database.sql)
            let live = try await database.sql.introspectSchema()

            let tables = Set(report.tables.map(\.name))
            #expect(tables.subtracting(Self.reportTables) == [], "every table the init files make is in the report")
            #expect(Self.reportTables.subtracting(tables) == Self.laterTables)
            #expect(report.check.revision == "2d9a04ef6730", "the report's revision")

            // "All tables have primary keys", "No orphaned records".
            #expect(live.tables.filter { $0.primaryKey == nil }.map(\.name) == [])
            #expect(report.orphans.map(\.name) == [])

            // The report's type findings that are about the database (not its models). Its
            // `target_communication_methods.config` is the later shape: 01 makes `method_config`.
            for (table, column) in [
                ("alert_logs", "context_data"), ("system_health_snapshots", "system_data"),
                ("system_settings", "setting_value"), ("target_communication_methods", "method_config"),
            ] {
                #expect(live.table(table)?.column(column)?.type == .jsonb, "\(table).\(column) is jsonb")
            }
            #expect(live.table("target_communication_methods")?.column("config") == nil)
            #expect(live.table("alert_rules")?.column("is_active")?.type == .integer, "alert_rules.is_active INTEGER")
            #expect(live.table("alert_logs")?.column("severity")?.type == .enumeration("alert_severity"))
            // The report's "users.last_login: TIMESTAMP" is Alembic's name for `TIMESTAMP(timezone=True)`: 01 makes
            // it timestamptz, and the drift it reported is against the model's naive `DateTime`.
            #expect(live.table("users")?.column("last_login")?.type == .timestamptz)

            // The 18 indexes the report says were added by hand: of those on the init files' tables, 07 already
            // makes idx_alert_logs_alert_rule_id (the report's was an IF NOT EXISTS that did nothing), 01's
            // target_credentials has no communication_method_id yet (the later shape), and the foreign keys of the
            // other three are exactly the ones `db report` finds without an index.
            let indexes = Set(report.indexes.map(\.name))
            #expect(indexes.intersection(Self.addedIndexes) == ["idx_alert_logs_alert_rule_id"])
            #expect(live.table("target_credentials")?.column("communication_method_id") == nil)
            let unindexed = Set(report.unindexedForeignKeys.map { "\($0.table).\($0.columns.joined(separator: ","))" })
            #expect(
                unindexed == [
                    "discovery_schedules.created_by", "discovery_templates.created_by",
                    "generated_reports.generated_by",
                ])
            // The report counted 32 foreign keys and 122 indexes on all 35 tables; the init files' 29 tables have
            // these (the rest are the 6 later tables' and the hand-added ones).
            let foreignKeys = report.foreignKeys.filter { !$0.isMissing }
            #expect(foreignKeys.count == 29, "\(foreignKeys.count) foreign keys")
            #expect(report.indexes.count == 108, "\(report.indexes.count) indexes")
        }
    }
}
