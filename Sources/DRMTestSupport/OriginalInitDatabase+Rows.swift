import Foundation

extension OriginalInitDatabase {
    /// What `alembic stamp 2d9a04ef6730` adds: Alembic's revision table (primary key `alembic_version_pkc`) at the
    /// original's empty baseline revision.
    static let alembicStamp = [
        """
        create table alembic_version (version_num varchar(32) not null,
          constraint alembic_version_pkc primary key (version_num))
        """,
        "insert into alembic_version (version_num) values ('2d9a04ef6730')",
    ]

    /// Rows in every table, as a real installation has them: NULLs, unicode, 0/1 integer flags, JSON text, naive
    /// timestamps (read in the session's UTC), next to the seed rows of 01 and 04. A table whose serial-number
    /// default draws on its id sequence too (`TGT-`, `JSCHED-`, `NTMPL-`, …) numbers its rows 1, 3, 5: so did the
    /// original.
    static let sampleRows = [
        """
        insert into users (username, email, password_hash, role, is_active, last_login) values
          ('josé', 'jose.muller@example.com', '$2b$12$abc', 'manager', null, '2025-03-01 08:30:00'),
          ('ops', 'ops@example.com', '$2b$12$def', 'user', false, null)
        """,
        """
        insert into user_sessions (user_id, session_token, ip_address, user_agent, expires_at, last_activity) values
          (1, 'tok-1', '2001:db8::7', 'Mozilla/5.0 (X11; Linux) «test»', '2025-03-02 08:30:00', null),
          (2, 'tok-2', null, null, '2025-03-03 00:00:00', '2025-03-02 23:59:59')
        """,
        """
        insert into universal_targets (name, os_type, environment, description, location, is_active, health_status)
        values ('web-01', 'linux', 'production', 'Serveur web — Zürich 🌍', 'DC-1', true, 'healthy'),
          ('win-02', 'windows', 'testing', null, null, null, 'unknown'),
          ('old-03', 'linux', 'development', 'decommissioned', null, false, 'critical')
        """,
        """
        insert into target_communication_methods (target_id, method_type, method_config, is_primary, created_at) values
          (1, 'ssh', '{"host": "10.0.0.5", "port": 22, "note": "ключ"}', true, '2025-01-05 10:00:00'),
          (3, 'winrm', '{"host": "10.0.0.6", "port": 5986}', null, null),
          (1, 'http', '{"host": "10.0.0.5", "port": 8080, "path": "/health"}', false, '2025-01-06 11:00:00')
        """,
        """
        insert into target_credentials (target_id, credential_type, credential_data, created_at) values
          (1, 'password', '{"username": "root", "password": "gAAAAABk-secret"}', '2025-01-05 10:01:00'),
          (3, 'password', '{"username": "Administrator", "password": "pässwörd"}', null),
          (1, 'ssh_key', '{"username": "deploy", "private_key": "-----BEGIN OPENSSH PRIVATE KEY-----"}', null)
        """,
        """
        insert into system_settings (setting_key, setting_value, description, updated_at) values
          ('smtp', '{"host": "mail.example.com", "port": 587, "tls": true}', null, '2025-02-01 12:00:00'),
          ('banner', '"Wartung am Sonntag ☕"', 'Login banner', null)
        """,
        """
        insert into jobs (name, description, job_type, status, created_by, scheduled_at, started_at, completed_at) values
          ('patch linux', 'Mise à jour des paquets', 'command', 'completed', 1, null, '2025-03-01 01:00:00',
           '2025-03-01 01:05:00'),
          ('backup', null, 'script', 'draft', 2, '2025-04-01 02:00:00', null, null)
        """,
        """
        insert into job_actions (job_id, action_order, action_type, action_name, action_parameters, action_config)
        values (1, 1, 'command', 'uname', '{"command": "uname -a"}', null),
          (1, 2, 'command', 'upgrade', '{"command": "apt-get -y upgrade", "sudo": true}', '{"timeout": 600}'),
          (2, 1, 'script', 'dump', null, null)
        """,
        "insert into job_targets (job_id, target_id) values (1, 1), (1, 3), (2, 5)",
        """
        insert into job_executions (job_id, execution_number, status, scheduled_at, started_at, completed_at,
          created_at)
        values (1, 1, 'completed', null, '2025-03-01 01:00:00', '2025-03-01 01:05:00', '2025-03-01 00:59:00'),
          (1, 2, 'failed', '2025-03-02 01:00:00', '2025-03-02 01:00:01', '2025-03-02 01:00:31', null)
        """,
        """
        insert into job_execution_branches (job_execution_id, target_id, branch_id, status, started_at, completed_at,
          result_output, result_error, exit_code)
        values (1, 1, '001', 'completed', '2025-03-01 01:00:00', '2025-03-01 01:04:00', 'Linux web-01 ✓', null, 0),
          (1, 3, '002', 'completed', '2025-03-01 01:00:00', '2025-03-01 01:05:00', '', '', 0),
          (2, 1, '001', 'failed', '2025-03-02 01:00:01', null, null, 'timed out', 124)
        """,
        """
        insert into job_execution_logs (job_execution_id, branch_id, log_phase, log_level, log_category,
          log_message, log_details, "timestamp")
        values (1, 1, 'action_execution', 'info', 'command_execution', 'ran uname', '{"exit_code": 0}',
          '2025-03-01 01:00:02'),
          (2, null, 'completion', 'error', 'system', 'Ausführung fehlgeschlagen', null, null)
        """,
        """
        insert into performance_metrics (metric_type, aggregation_period, "timestamp", job_id, target_id, count,
          success_count, failure_count, avg_duration, p95_duration, metric_data)
        values ('job_execution', 'day', '2025-03-01 00:00:00', 1, null, 2, 1, 1, 150.5, 290.25,
          '{"by_hour": [0, 1, 1]}'),
          ('target_performance', 'hour', '2025-03-01 01:00:00', null, 1, null, null, null, null, null, null)
        """,
        """
        insert into system_health_snapshots ("timestamp", active_jobs, total_targets, cpu_usage_percent,
          memory_usage_percent, system_data)
        values ('2025-03-01 01:00:00', 1, 3, 12.5, null, '{"load": [0.1, 0.2, 0.3]}'),
          ('2025-03-01 02:00:00', null, null, null, null, null)
        """,
        """
        insert into alert_rules (name, description, metric_type, condition, threshold_value, evaluation_period,
          is_active, severity, notification_channels, last_triggered, trigger_count)
        values ('Disk nearly full', 'Plus de 90 % utilisé', 'system_utilization', 'gte', 90, 10, 0, 'info',
          '["email", "slack"]', '2025-02-28 23:00:00', 3),
          ('Error spike', null, 'error_rate', 'gt', 5, null, null, null, null, null, null)
        """,
        """
        insert into report_templates (name, description, report_type, data_sources, time_range, format,
          is_scheduled, schedule_cron, recipients, template_config)
        values ('Nightly ops', 'Rapport nocturne', 'operational', '{"job_performance": true}', 'last_1_day', 'pdf',
          1, '0 6 * * *', '["ops@example.com", "chef@example.com"]', '{"logo": "ü.png"}'),
          ('Ad hoc', null, 'executive', '{}', null, null, null, null, null, null)
        """,
        """
        insert into generated_reports (template_id, name, report_period_start, report_period_end, generated_by,
          report_data, file_path, file_size, status, error_message, completed_at)
        values (1, 'Daily 2025-03-01', '2025-03-01 00:00:00', '2025-03-01 23:59:59', 1, '{"executions": 2}',
          '/reports/daily-2025-03-01.json', 2048, 'completed', null, '2025-03-02 00:01:00'),
          (null, 'Orphan report', '2025-02-01 00:00:00', '2025-02-28 00:00:00', null, null, null, null, 'failed',
          'template gelöscht', null)
        """,
        """
        insert into discovery_jobs (name, description, target_range, discovery_config, status, created_by,
          discovered_count)
        values ('LAN sweep', 'Réseau du siège', '10.0.0.0/24', '{"ports": [22, 443]}', 'completed', 1, 2)
        """,
        """
        insert into discovered_devices (discovery_job_id, ip_address, hostname, mac_address, os_type, services,
          ports, is_reachable, raw_data)
        values (1, '10.0.0.7', 'printer-7', '00:11:22:33:44:55', null, '[{"port": 631, "name": "ipp"}]', '[631]',
          true, null),
          (1, '2001:db8::1', null, null, 'linux', null, null, null, '{"ttl": 64}')
        """,
        """
        insert into discovery_templates (name, description, discovery_type, template_config, is_active, created_by)
        values ('Standard', null, 'network_scan', '{"timeout": 5}', null, 1)
        """,
        """
        insert into discovery_schedules (name, template_id, cron_expression, is_active, next_run, created_by)
        values ('Weekly sweep', 1, '0 3 * * 0', true, '2025-03-09 03:00:00', 2)
        """,
        """
        insert into job_schedules (job_id, name, description, schedule_type, cron_expression, interval_seconds,
          timezone, is_active, status, created_by, schedule_config)
        values (1, 'nightly', 'Chaque nuit', 'cron', '0 1 * * *', null, 'Europe/Zürich', true, 'active', 1,
          '{"jitter": 30}'),
          (2, 'hourly', null, 'interval', null, 3600, null, null, 'paused', 2, null)
        """,
        """
        insert into schedule_executions (job_schedule_id, job_execution_id, scheduled_at, started_at, status,
          result_summary, execution_context)
        values (1, 1, '2025-03-01 01:00:00', '2025-03-01 01:00:00', 'completed', 'ok ✓', '{"attempt": 1}'),
          (3, null, '2025-03-01 02:00:00', null, 'skipped', null, null)
        """,
        """
        insert into notification_templates (name, description, notification_type, template_config,
          subject_template, body_template, is_active, created_by)
        values ('Job failed', 'Échec', 'email', '{"html": false}', 'Job {{job}} failed', 'Job {{job}} failed: {{error}}',
          true, 1),
          ('Slack ping', null, 'slack', '{}', null, ':warning: {{message}}', null, 1)
        """,
        """
        insert into notification_logs (template_id, notification_type, recipient, subject, message, status, sent_at,
          retry_count, context_data)
        values (1, 'email', 'ops@example.com', 'Job patch linux failed — ✗', 'see log', 'sent',
          '2025-03-02 01:01:00', 0, '{"execution_id": 2}'),
          (null, 'webhook', 'https://hooks.example.com/x', null, '{}', 'failed', null, 3, null)
        """,
        """
        insert into alert_logs (alert_rule_id, severity, status, title, message, acknowledged_by, context_data,
          notification_sent)
        values (1, 'medium', 'acknowledged', 'Failure rate 12 %', 'Job failure rate above 10 %', 1,
          '{"value": 12.0}', true),
          (7, 'low', 'active', 'Disk 91 %', 'Disque presque plein', null, null, null)
        """,
        """
        insert into celery_task_history (task_id, task_name, status, result, args, kwargs, retries, queue, worker,
          started_at, completed_at, runtime_seconds)
        values ('4f9c-01', 'run_job', 'success', '{"ok": true}', '[1]', '{"dry_run": false}', 0, 'jobs',
          'worker@host', '2025-03-01 01:00:00', '2025-03-01 01:05:00', 300.125),
          ('4f9c-02', 'cleanup', 'failure', null, null, null, null, null, null, null, null, null)
        """,
        """
        insert into celery_metrics_snapshots (worker_name, active_tasks, processed_tasks, queue_lengths,
          memory_usage, snapshot_time)
        values ('worker@host', 1, 250, '{"jobs": 3}', '{"rss_mb": 120.5}', '2025-03-01 01:00:00'),
          ('worker@other', null, null, null, null, null)
        """,
    ]
}
