public import DRMSchema
import Foundation
public import SQLKit

/// A PostgreSQL database in the state the original ENABLEDRM left it at Alembic revision `4b6ff43c35af`, built
/// from "Known drift in the original" of spec/schema.md: the declared schema with the original's drift applied,
/// its two analytics views, and seed and sample rows.
public enum OriginalDatabase {
    /// Columns the original keeps as `json` (4b6ff43c35af turned some of them back from jsonb).
    static let jsonColumns = [
        ("job_actions", "action_parameters"), ("job_actions", "action_config"), ("job_execution_logs", "log_details"),
        ("discovered_devices", "services"), ("notification_logs", "context_metadata"), ("device_types", "tags"),
    ]

    /// Tables whose uuid/serial unique constraints 4b6ff43c35af dropped.
    static let tablesWithoutUniques = [
        "celery_task_history", "celery_metrics_snapshots", "discovery_jobs", "discovered_devices",
        "discovery_templates",
        "discovery_schedules", "notification_templates", "notification_logs", "schedule_executions", "alert_logs",
        "job_targets",
    ]

    /// The original's schema, as a value.
    public static var schema: DatabaseSchema {
        // The baseline (0001) is the original's 35 tables as they should have been; later migrations are ours.
        var schema = try! MigrationChain.enableDRM.schema(at: "0001")
        for index in schema.tables.indices {
            var table = schema.tables[index]
            let name = table.name
            // 4b6ff43c35af re-created the foreign keys without ON DELETE, and user_sessions never had one.
            table.foreignKeys = table.foreignKeys.filter { _ in name != "user_sessions" }.map { key in
                var key = key
                key.onDelete = .noAction
                return key
            }
            if tablesWithoutUniques.contains(name) { table.uniques = [] }
            for (jsonTable, column) in jsonColumns where jsonTable == name {
                table.columns = table.columns.map {
                    $0.name == column ? Column($0.name, .json, null: $0.isNullable) : $0
                }
            }
            table.columns = table.columns.map { column in
                switch (name, column.name) {
                case ("users", "last_login"): Column("last_login", .timestamp)
                case ("alert_rules", "is_active"): Column("is_active", .integer, null: false, default: .int(1))
                case ("analytics_alert_rules", "severity"):
                    Column("severity", .varchar(20), null: false, default: .literal("warning"))
                case ("discovered_devices", "ip_address"): Column("ip_address", .varchar(45), null: false)
                case ("job_schedules", "schedule_type"):
                    Column("schedule_type", .varchar(20), null: false, default: .literal("cron"))
                default: column
                }
            }
            if name == "alert_logs" { table.columns.append(Column("is_resolved", .boolean, default: .bool(false))) }
            // SQLAlchemy's ix_ indexes beside the SQL files' idx_ ones; some foreign-key indexes were never made.
            table.indexes.removeAll {
                ["idx_job_targets_target_id", "idx_job_action_results_action_id", "idx_jobs_deleted_by"].contains(
                    $0.name)
            }
            if ["users", "jobs", "job_executions"].contains(name) {
                table.indexes.append(Index("ix_\(name)_id", ["id"]))
            }
            if name == "jobs" { table.indexes.append(Index("ix_jobs_status", ["status"])) }
            schema.tables[index] = table
        }
        return schema
    }

    static let views = [
        """
        CREATE VIEW analytics_summary AS SELECT date_trunc('day', je.created_at) AS day, count(*) AS executions,
          count(*) FILTER (WHERE je.status = 'completed') AS completed, count(*) FILTER (WHERE je.status = 'failed') AS failed
        FROM job_executions je GROUP BY 1
        """,
        """
        CREATE VIEW target_performance_summary AS SELECT t.id AS target_id, t.name, count(b.id) AS branches,
          count(b.id) FILTER (WHERE b.status = 'completed') AS completed
        FROM universal_targets t LEFT JOIN job_execution_branches b ON b.target_id = t.id GROUP BY t.id, t.name
        """,
    ]

    static let rows = [
        "INSERT INTO users (username, email, password_hash, role, last_login) VALUES ('admin', 'admin@opsconductor.com', '$2b$12$x', 'administrator', '2025-03-01 08:30:00'), ('ops', 'ops@example.com', '$2b$12$y', 'manager', NULL)",
        "INSERT INTO system_settings (setting_key, setting_value) VALUES ('timezone', '\"UTC\"'), ('inactivity_timeout_minutes', '60'), ('warning_time_minutes', '2'), ('max_concurrent_jobs', '50'), ('log_retention_days', '30')",
        "INSERT INTO analytics_alert_rules (name, metric_type, condition, threshold_value, severity) VALUES ('High Job Failure Rate', 'job_execution', 'gt', 10, 'warning'), ('Very High Job Failure Rate', 'job_execution', 'gt', 25, 'critical'), ('Low Target Availability', 'target_performance', 'lt', 90, 'warning'), ('Critical Target Availability', 'target_performance', 'lt', 75, 'critical'), ('High Queue Size', 'system_utilization', 'gt', 50, 'warning'), ('Very High Queue Size', 'system_utilization', 'gt', 100, 'critical')",
        "INSERT INTO report_templates (name, report_type, data_sources, time_range) VALUES ('Daily Executive Summary', 'executive', '{}', 'last_1_day'), ('Weekly Operations Report', 'operational', '{}', 'last_7_days'), ('Monthly Executive Report', 'executive', '{}', 'last_30_days'), ('Compliance Audit Report', 'compliance', '{}', 'last_30_days')",
        "INSERT INTO alert_rules (name, rule_type, severity, condition_config, created_by, is_active) VALUES ('disk', 'threshold', 'high', '{}', 1, 1), ('cpu', 'threshold', 'low', '{}', 1, 0)",
        "INSERT INTO jobs (name, created_by) VALUES ('patch', 1)",
        "INSERT INTO job_actions (job_id, action_order, action_type, action_name, action_parameters) VALUES (1, 1, 'command', 'uname', '{\"command\": \"uname -a\"}')",
        "INSERT INTO job_schedules (job_id, name, schedule_type, created_by) VALUES (1, 'nightly', 'recurring', 1), (1, 'once', 'once', 1)",
        "INSERT INTO discovery_jobs (name, target_range, created_by) VALUES ('lan', '10.0.0.0/24', 1)",
        "INSERT INTO discovered_devices (discovery_job_id, ip_address) VALUES (1, '10.0.0.7')",
        "INSERT INTO alembic_version (version_num) VALUES ('4b6ff43c35af')",
    ]

    /// Creates the original's schema, views and rows in the (empty) database.
    public static func create(on database: any SQLDatabase) async throws {
        let renderer = SQLRenderer(.postgres)
        let schema = schema
        var statements = schema.enums.map { type in
            "CREATE TYPE \(type.name) AS ENUM (\(type.values.map { "'\($0)'" }.joined(separator: ", ")))"
        }
        for table in schema.tables { statements += renderer.createTable(table, in: schema) }
        for statement in statements + views + rows { try await database.raw(SQLQueryString(statement)).run() }
    }
}
