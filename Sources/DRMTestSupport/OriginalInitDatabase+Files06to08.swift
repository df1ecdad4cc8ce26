import Foundation

extension OriginalInitDatabase {
    static func enumType(_ file: String, _ name: String, _ values: [String]) -> Statement {
        Statement(file: file, sql: "create type \(name) as enum (\(values.map { "'\($0)'" }.joined(separator: ", ")))")
    }

    static func identified(_ table: String, _ prefix: String, _ column: String) -> String {
        "\(column)_uuid uuid not null unique default gen_random_uuid(), "
            + "\(column)_serial varchar(50) not null unique default \(serial(prefix, table, width: 8))"
    }

    // MARK: 06_job_schedule_tables.sql

    static var schedules06: [Statement] {
        let f = "06_job_schedule_tables.sql"
        var list = [
            // 06: the three CREATE TYPE … AS ENUM statements.
            enumType(f, "schedule_type", ["cron", "interval", "one_time"]),
            enumType(f, "schedule_status", ["active", "paused", "disabled", "expired"]),
            enumType(f, "execution_status_schedule", ["scheduled", "running", "completed", "failed", "skipped"]),
            // 06: CREATE TABLE IF NOT EXISTS job_schedules — JSCHED- serials, schedule_type the enum.
            Statement(
                file: f,
                sql: """
                    create table if not exists job_schedules (id serial primary key,
                      \(identified("job_schedules", "JSCHED", "schedule")),
                      job_id integer not null references jobs (id) on delete cascade, name varchar(255) not null,
                      description text, schedule_type schedule_type not null default 'cron',
                      cron_expression varchar(100), interval_seconds integer, start_date timestamptz,
                      end_date timestamptz, timezone varchar(50) default 'UTC', is_active boolean default true,
                      status schedule_status not null default 'active', max_runs integer,
                      current_runs integer default 0, last_run_at timestamptz, next_run_at timestamptz,
                      created_by integer not null references users (id), created_at \(now), updated_at timestamptz,
                      schedule_config jsonb)
                    """),
            // 06: CREATE TABLE IF NOT EXISTS schedule_executions — SEXEC- serials.
            Statement(
                file: f,
                sql: """
                    create table if not exists schedule_executions (id serial primary key,
                      \(identified("schedule_executions", "SEXEC", "execution")),
                      job_schedule_id integer not null references job_schedules (id) on delete cascade,
                      job_execution_id integer references job_executions (id) on delete set null,
                      scheduled_at timestamptz not null, started_at timestamptz, completed_at timestamptz,
                      status execution_status_schedule not null default 'scheduled', result_summary text,
                      error_message text, execution_context jsonb, created_at \(now))
                    """),
        ]
        // 06: the fourteen CREATE INDEX IF NOT EXISTS statements.
        list += [
            ("idx_job_schedules_job_id", "job_schedules", "job_id"),
            ("idx_job_schedules_status", "job_schedules", "status"),
            ("idx_job_schedules_is_active", "job_schedules", "is_active"),
            ("idx_job_schedules_next_run_at", "job_schedules", "next_run_at"),
            ("idx_job_schedules_schedule_type", "job_schedules", "schedule_type"),
            ("idx_job_schedules_created_by", "job_schedules", "created_by"),
            ("idx_job_schedules_schedule_uuid", "job_schedules", "schedule_uuid"),
            ("idx_job_schedules_schedule_serial", "job_schedules", "schedule_serial"),
            ("idx_schedule_executions_job_schedule_id", "schedule_executions", "job_schedule_id"),
            ("idx_schedule_executions_job_execution_id", "schedule_executions", "job_execution_id"),
            ("idx_schedule_executions_status", "schedule_executions", "status"),
            ("idx_schedule_executions_scheduled_at", "schedule_executions", "scheduled_at"),
            ("idx_schedule_executions_execution_uuid", "schedule_executions", "execution_uuid"),
            ("idx_schedule_executions_execution_serial", "schedule_executions", "execution_serial"),
        ].map { index(f, $0.0, $0.1, $0.2) }
        return list
    }

    // MARK: 07_notification_tables.sql

    static var notifications07: [Statement] {
        let f = "07_notification_tables.sql"
        var list = [
            // 07: the four CREATE TYPE … AS ENUM statements.
            enumType(f, "notification_type", ["email", "slack", "webhook", "sms"]),
            enumType(f, "notification_status", ["pending", "sent", "failed", "delivered"]),
            enumType(f, "alert_severity", ["low", "medium", "high", "critical"]),
            enumType(f, "alert_status", ["active", "acknowledged", "resolved", "suppressed"]),
            // 07: CREATE TABLE IF NOT EXISTS notification_templates — subject_template a nullable text.
            Statement(
                file: f,
                sql: """
                    create table if not exists notification_templates (id serial primary key,
                      \(identified("notification_templates", "NTMPL", "template")), name varchar(255) not null,
                      description text, notification_type notification_type not null,
                      template_config jsonb not null, subject_template text, body_template text not null,
                      is_active boolean default true, created_by integer not null references users (id),
                      created_at \(now), updated_at timestamptz)
                    """),
            // 07: CREATE TABLE IF NOT EXISTS notification_logs.
            Statement(
                file: f,
                sql: """
                    create table if not exists notification_logs (id serial primary key,
                      \(identified("notification_logs", "NLOG", "log")),
                      template_id integer references notification_templates (id) on delete set null,
                      notification_type notification_type not null, recipient varchar(255) not null,
                      subject varchar(500), message text not null,
                      status notification_status not null default 'pending', sent_at timestamptz,
                      delivered_at timestamptz, error_message text, retry_count integer default 0,
                      max_retries integer default 3, context_data jsonb, created_at \(now))
                    """),
            // 07: CREATE TABLE IF NOT EXISTS alert_rules in the notification shape — a no-op: 04 made the table.
            Statement(
                file: f,
                sql: """
                    create table if not exists alert_rules (id serial primary key,
                      \(identified("alert_rules", "ARULE", "rule")), name varchar(255) not null, description text,
                      rule_type varchar(100) not null, condition_config jsonb not null,
                      severity alert_severity not null default 'medium', is_active boolean default true,
                      notification_template_id integer references notification_templates (id) on delete set null,
                      cooldown_minutes integer default 60, created_by integer not null references users (id),
                      created_at \(now), updated_at timestamptz)
                    """),
            // 07: CREATE TABLE IF NOT EXISTS alert_logs — its alert_rule_id references the 04-shaped alert_rules.
            Statement(
                file: f,
                sql: """
                    create table if not exists alert_logs (id serial primary key,
                      \(identified("alert_logs", "ALERT", "alert")),
                      alert_rule_id integer not null references alert_rules (id) on delete cascade,
                      severity alert_severity not null, status alert_status not null default 'active',
                      title varchar(500) not null, message text not null, triggered_at \(now),
                      acknowledged_at timestamptz, acknowledged_by integer references users (id),
                      resolved_at timestamptz, resolved_by integer references users (id), context_data jsonb,
                      notification_sent boolean default false, created_at \(now))
                    """),
        ]
        // 07: the twenty-six CREATE INDEX IF NOT EXISTS statements. Four of the six on alert_rules name columns
        // the 04 shape lacks (rule_type, created_by, rule_uuid, rule_serial) and fail; severity and is_active exist.
        list += [
            ("idx_notification_templates_notification_type", "notification_templates", "notification_type"),
            ("idx_notification_templates_is_active", "notification_templates", "is_active"),
            ("idx_notification_templates_created_by", "notification_templates", "created_by"),
            ("idx_notification_templates_template_uuid", "notification_templates", "template_uuid"),
            ("idx_notification_templates_template_serial", "notification_templates", "template_serial"),
            ("idx_notification_logs_template_id", "notification_logs", "template_id"),
            ("idx_notification_logs_notification_type", "notification_logs", "notification_type"),
            ("idx_notification_logs_status", "notification_logs", "status"),
            ("idx_notification_logs_recipient", "notification_logs", "recipient"),
            ("idx_notification_logs_sent_at", "notification_logs", "sent_at"),
            ("idx_notification_logs_log_uuid", "notification_logs", "log_uuid"),
            ("idx_notification_logs_log_serial", "notification_logs", "log_serial"),
            ("idx_alert_rules_rule_type", "alert_rules", "rule_type"),
            ("idx_alert_rules_severity", "alert_rules", "severity"),
            ("idx_alert_rules_is_active", "alert_rules", "is_active"),
            ("idx_alert_rules_created_by", "alert_rules", "created_by"),
            ("idx_alert_rules_rule_uuid", "alert_rules", "rule_uuid"),
            ("idx_alert_rules_rule_serial", "alert_rules", "rule_serial"),
            ("idx_alert_logs_alert_rule_id", "alert_logs", "alert_rule_id"),
            ("idx_alert_logs_severity", "alert_logs", "severity"),
            ("idx_alert_logs_status", "alert_logs", "status"),
            ("idx_alert_logs_triggered_at", "alert_logs", "triggered_at"),
            ("idx_alert_logs_acknowledged_by", "alert_logs", "acknowledged_by"),
            ("idx_alert_logs_resolved_by", "alert_logs", "resolved_by"),
            ("idx_alert_logs_alert_uuid", "alert_logs", "alert_uuid"),
            ("idx_alert_logs_alert_serial", "alert_logs", "alert_serial"),
        ].map { index(f, $0.0, $0.1, $0.2) }
        return list
    }

    // MARK: 08_celery_tables.sql

    static var celery08: [Statement] {
        let f = "08_celery_tables.sql"
        var list = [
            // 08: CREATE TYPE task_status AS ENUM.
            enumType(f, "task_status", ["pending", "started", "retry", "failure", "success", "revoked"]),
            // 08: CREATE TABLE IF NOT EXISTS celery_task_history — TASK- serials, runtime_seconds decimal(10,3).
            Statement(
                file: f,
                sql: """
                    create table if not exists celery_task_history (id serial primary key,
                      \(identified("celery_task_history", "TASK", "task")), task_id varchar(255) not null unique,
                      task_name varchar(255) not null, status task_status not null default 'pending', result text,
                      traceback text, args jsonb, kwargs jsonb, eta timestamptz, expires timestamptz,
                      retries integer default 0, max_retries integer default 3, queue varchar(100),
                      routing_key varchar(100), worker varchar(255), started_at timestamptz,
                      completed_at timestamptz, runtime_seconds decimal(10, 3), created_at \(now))
                    """),
            // 08: CREATE TABLE IF NOT EXISTS celery_metrics_snapshots — SNAP- serials.
            Statement(
                file: f,
                sql: """
                    create table if not exists celery_metrics_snapshots (id serial primary key,
                      \(identified("celery_metrics_snapshots", "SNAP", "snapshot")),
                      worker_name varchar(255) not null, active_tasks integer default 0,
                      processed_tasks integer default 0, failed_tasks integer default 0,
                      retried_tasks integer default 0, queue_lengths jsonb, worker_stats jsonb, system_load jsonb,
                      memory_usage jsonb, snapshot_time \(now), created_at \(now))
                    """),
        ]
        // 08: the thirteen CREATE INDEX IF NOT EXISTS statements.
        list += [
            ("idx_celery_task_history_task_id", "celery_task_history", "task_id"),
            ("idx_celery_task_history_task_name", "celery_task_history", "task_name"),
            ("idx_celery_task_history_status", "celery_task_history", "status"),
            ("idx_celery_task_history_queue", "celery_task_history", "queue"),
            ("idx_celery_task_history_worker", "celery_task_history", "worker"),
            ("idx_celery_task_history_started_at", "celery_task_history", "started_at"),
            ("idx_celery_task_history_completed_at", "celery_task_history", "completed_at"),
            ("idx_celery_task_history_task_uuid", "celery_task_history", "task_uuid"),
            ("idx_celery_task_history_task_serial", "celery_task_history", "task_serial"),
            ("idx_celery_metrics_snapshots_worker_name", "celery_metrics_snapshots", "worker_name"),
            ("idx_celery_metrics_snapshots_snapshot_time", "celery_metrics_snapshots", "snapshot_time"),
            ("idx_celery_metrics_snapshots_snapshot_uuid", "celery_metrics_snapshots", "snapshot_uuid"),
            ("idx_celery_metrics_snapshots_snapshot_serial", "celery_metrics_snapshots", "snapshot_serial"),
        ].map { index(f, $0.0, $0.1, $0.2) }
        return list
    }
}
