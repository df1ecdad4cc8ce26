import Foundation

extension OriginalInitDatabase {
    // MARK: 04_analytics_tables.sql

    static var analytics04: [Statement] {
        let f = "04_analytics_tables.sql"
        var list = [
            // 04: CREATE TABLE IF NOT EXISTS performance_metrics.
            Statement(
                file: f,
                sql: """
                    create table if not exists performance_metrics (id serial primary key,
                      metric_type varchar(50) not null, aggregation_period varchar(20) not null,
                      "timestamp" timestamptz not null, job_id integer references jobs (id) on delete cascade,
                      target_id integer references universal_targets (id) on delete cascade, count integer default 0,
                      success_count integer default 0, failure_count integer default 0, avg_duration float,
                      min_duration float, max_duration float, p95_duration float, metric_data jsonb, created_at \(now))
                    """),
            // 04: CREATE TABLE IF NOT EXISTS system_health_snapshots.
            Statement(
                file: f,
                sql: """
                    create table if not exists system_health_snapshots (id serial primary key,
                      "timestamp" timestamptz not null, active_jobs integer default 0, queued_jobs integer default 0,
                      total_targets integer default 0, healthy_targets integer default 0,
                      warning_targets integer default 0, critical_targets integer default 0,
                      cpu_usage_percent float, memory_usage_percent float, disk_usage_percent float,
                      network_io_mbps float, job_queue_size integer default 0, avg_queue_wait_time float,
                      system_data jsonb, created_at \(now))
                    """),
            // 04: CREATE TABLE IF NOT EXISTS alert_rules — the metric-threshold shape, is_active an integer 0/1,
            // severity a varchar ('info', 'warning', 'critical').
            Statement(
                file: f,
                sql: """
                    create table if not exists alert_rules (id serial primary key, name varchar(100) not null,
                      description varchar(500), metric_type varchar(50) not null, condition varchar(20) not null,
                      threshold_value float not null, evaluation_period integer default 5,
                      is_active integer default 1, severity varchar(20) default 'warning',
                      notification_channels jsonb, last_triggered timestamptz, trigger_count integer default 0,
                      created_at \(now), updated_at \(now))
                    """),
            // 04: CREATE TABLE IF NOT EXISTS report_templates — is_scheduled an integer 0/1.
            Statement(
                file: f,
                sql: """
                    create table if not exists report_templates (id serial primary key, name varchar(100) not null,
                      description varchar(500), report_type varchar(50) not null, data_sources jsonb not null,
                      time_range varchar(20) default 'last_7_days', format varchar(20) default 'json',
                      is_scheduled integer default 0, schedule_cron varchar(100), recipients jsonb,
                      template_config jsonb, created_at \(now), updated_at \(now))
                    """),
            // 04: CREATE TABLE IF NOT EXISTS generated_reports.
            Statement(
                file: f,
                sql: """
                    create table if not exists generated_reports (id serial primary key,
                      template_id integer references report_templates (id) on delete cascade,
                      name varchar(200) not null, report_period_start timestamptz not null,
                      report_period_end timestamptz not null,
                      generated_by integer references users (id) on delete set null, report_data jsonb,
                      file_path varchar(500), file_size integer, status varchar(20) default 'generating',
                      error_message varchar(1000), created_at \(now), completed_at timestamptz)
                    """),
        ]
        // 04: the seven CREATE INDEX IF NOT EXISTS statements.
        list += [
            (
                "idx_performance_metrics_type_period_time", "performance_metrics",
                "metric_type, aggregation_period, \"timestamp\""
            ),
            ("idx_performance_metrics_job_time", "performance_metrics", "job_id, \"timestamp\""),
            ("idx_performance_metrics_target_time", "performance_metrics", "target_id, \"timestamp\""),
            ("idx_system_health_timestamp", "system_health_snapshots", "\"timestamp\""),
            ("idx_alert_rules_active", "alert_rules", "is_active"),
            ("idx_generated_reports_template", "generated_reports", "template_id"),
            ("idx_generated_reports_period", "generated_reports", "report_period_start, report_period_end"),
        ].map { index(f, $0.0, $0.1, $0.2) }
        list += [
            // 04: INSERT the six default alert rules (metric type, condition, threshold, severity), ON CONFLICT DO
            // NOTHING.
            Statement(
                file: f,
                sql: """
                    insert into alert_rules (name, description, metric_type, condition, threshold_value, severity)
                    values
                      ('High Job Failure Rate', 'Job failure rate above 10%', 'job_execution', 'gt', 10.0, 'warning'),
                      ('Very High Job Failure Rate', 'Job failure rate above 25%', 'job_execution', 'gt', 25.0,
                       'critical'),
                      ('Low Target Availability', 'Target availability under 90%', 'target_performance', 'lt', 90.0,
                       'warning'),
                      ('Critical Target Availability', 'Target availability under 75%', 'target_performance', 'lt',
                       75.0, 'critical'),
                      ('High Queue Size', 'More than 50 jobs queued', 'system_utilization', 'gt', 50.0, 'warning'),
                      ('Very High Queue Size', 'More than 100 jobs queued', 'system_utilization', 'gt', 100.0,
                       'critical')
                    on conflict do nothing
                    """),
            // 04: INSERT the four default report templates, ON CONFLICT DO NOTHING.
            Statement(
                file: f,
                sql: """
                    insert into report_templates (name, description, report_type, data_sources, time_range) values
                      ('Daily Executive Summary', 'Jobs and system, daily', 'executive',
                       '{"job_metrics": true, "target_metrics": true, "system_metrics": true, "trends": true}',
                       'last_1_day'),
                      ('Weekly Operations Report', 'Operations in detail, weekly', 'operational',
                       '{"job_performance": true, "target_performance": true, "error_analysis": true, "trends": true}',
                       'last_7_days'),
                      ('Monthly Executive Report', 'KPIs and trends, monthly', 'executive',
                       '{"kpis": true, "trends": true, "recommendations": true}', 'last_30_days'),
                      ('Compliance Audit Report', 'Audit trail and compliance', 'compliance',
                       '{"audit_logs": true, "user_activity": true, "security_events": true}', 'last_30_days')
                    on conflict do nothing
                    """),
            // 04: CREATE OR REPLACE VIEW analytics_summary — executions per day over the last 30 days.
            Statement(
                file: f,
                sql: """
                    create or replace view analytics_summary as
                    select date(e.created_at) as execution_date, count(*) as total_executions,
                      count(*) filter (where e.status = 'completed') as successful_executions,
                      count(*) filter (where e.status = 'failed') as failed_executions,
                      count(*) filter (where e.status = 'cancelled') as cancelled_executions,
                      round(count(*) filter (where e.status = 'completed') * 100.0 / count(*), 2) as success_rate,
                      avg(extract(epoch from (e.completed_at - e.started_at))) as avg_duration_seconds
                    from job_executions e where e.created_at >= current_date - interval '30 days'
                    group by date(e.created_at) order by execution_date desc
                    """),
            // 04: CREATE OR REPLACE VIEW target_performance_summary — per active target, its branches of the last
            // 30 days.
            Statement(
                file: f,
                sql: """
                    create or replace view target_performance_summary as
                    select t.id as target_id, t.name as target_name, t.target_type, t.os_type, t.environment,
                      t.health_status, count(b.id) as total_executions,
                      count(b.id) filter (where b.status = 'completed') as successful_executions,
                      count(b.id) filter (where b.status = 'failed') as failed_executions,
                      round(count(b.id) filter (where b.status = 'completed') * 100.0 / nullif(count(b.id), 0), 2)
                        as success_rate,
                      avg(extract(epoch from (b.completed_at - b.started_at))) as avg_response_time_seconds
                    from universal_targets t
                    left join job_execution_branches b
                      on b.target_id = t.id and b.created_at >= current_date - interval '30 days'
                    where t.is_active = true
                    group by t.id, t.name, t.target_type, t.os_type, t.environment, t.health_status
                    order by success_rate desc nulls last
                    """),
        ]
        return list
    }

    // MARK: 05_discovery_tables.sql

    static var discovery05: [Statement] {
        let f = "05_discovery_tables.sql"
        var list = [
            // 05: CREATE TABLE IF NOT EXISTS discovery_jobs — DISC- serials.
            Statement(
                file: f,
                sql: """
                    create table if not exists discovery_jobs (id serial primary key,
                      \(identified("discovery_jobs", "DISC", "discovery")), name varchar(255) not null,
                      description text, discovery_type varchar(50) not null default 'network_scan',
                      target_range varchar(255) not null, discovery_config jsonb,
                      status varchar(50) not null default 'pending', created_by integer not null references users (id),
                      created_at \(now), updated_at timestamptz, started_at timestamptz, completed_at timestamptz,
                      discovered_count integer default 0, error_message text)
                    """),
            // 05: CREATE TABLE IF NOT EXISTS discovered_devices — ip_address inet.
            Statement(
                file: f,
                sql: """
                    create table if not exists discovered_devices (id serial primary key,
                      \(identified("discovered_devices", "DEV", "device")),
                      discovery_job_id integer not null references discovery_jobs (id) on delete cascade,
                      ip_address inet not null, hostname varchar(255), mac_address varchar(17),
                      device_type varchar(100), os_type varchar(50), os_version varchar(100), vendor varchar(100),
                      model varchar(100), services jsonb, ports jsonb, is_reachable boolean default true,
                      last_seen \(now), discovery_method varchar(50), raw_data jsonb, created_at \(now),
                      updated_at timestamptz)
                    """),
            // 05: CREATE TABLE IF NOT EXISTS discovery_templates — TMPL- serials.
            Statement(
                file: f,
                sql: """
                    create table if not exists discovery_templates (id serial primary key,
                      \(identified("discovery_templates", "TMPL", "template")), name varchar(255) not null,
                      description text, discovery_type varchar(50) not null, template_config jsonb not null,
                      is_active boolean default true, created_by integer not null references users (id),
                      created_at \(now), updated_at timestamptz)
                    """),
            // 05: CREATE TABLE IF NOT EXISTS discovery_schedules — SCHED- serials.
            Statement(
                file: f,
                sql: """
                    create table if not exists discovery_schedules (id serial primary key,
                      \(identified("discovery_schedules", "SCHED", "schedule")), name varchar(255) not null,
                      description text,
                      template_id integer not null references discovery_templates (id) on delete cascade,
                      cron_expression varchar(100) not null, is_active boolean default true,
                      last_run timestamptz, next_run timestamptz, created_by integer not null references users (id),
                      created_at \(now), updated_at timestamptz)
                    """),
        ]
        // 05: the nineteen CREATE INDEX IF NOT EXISTS statements.
        list += [
            ("idx_discovery_jobs_status", "discovery_jobs", "status"),
            ("idx_discovery_jobs_created_by", "discovery_jobs", "created_by"),
            ("idx_discovery_jobs_discovery_uuid", "discovery_jobs", "discovery_uuid"),
            ("idx_discovery_jobs_discovery_serial", "discovery_jobs", "discovery_serial"),
            ("idx_discovered_devices_discovery_job_id", "discovered_devices", "discovery_job_id"),
            ("idx_discovered_devices_ip_address", "discovered_devices", "ip_address"),
            ("idx_discovered_devices_hostname", "discovered_devices", "hostname"),
            ("idx_discovered_devices_device_type", "discovered_devices", "device_type"),
            ("idx_discovered_devices_device_uuid", "discovered_devices", "device_uuid"),
            ("idx_discovered_devices_device_serial", "discovered_devices", "device_serial"),
            ("idx_discovery_templates_discovery_type", "discovery_templates", "discovery_type"),
            ("idx_discovery_templates_is_active", "discovery_templates", "is_active"),
            ("idx_discovery_templates_template_uuid", "discovery_templates", "template_uuid"),
            ("idx_discovery_templates_template_serial", "discovery_templates", "template_serial"),
            ("idx_discovery_schedules_template_id", "discovery_schedules", "template_id"),
            ("idx_discovery_schedules_is_active", "discovery_schedules", "is_active"),
            ("idx_discovery_schedules_next_run", "discovery_schedules", "next_run"),
            ("idx_discovery_schedules_schedule_uuid", "discovery_schedules", "schedule_uuid"),
            ("idx_discovery_schedules_schedule_serial", "discovery_schedules", "schedule_serial"),
        ].map { index(f, $0.0, $0.1, $0.2) }
        return list
    }
}
