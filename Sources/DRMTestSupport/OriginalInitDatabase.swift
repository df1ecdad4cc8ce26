import Foundation
public import SQLKit

/// A PostgreSQL database in the state the original ENABLEDRM's own `database/init/01…08` SQL files leave it
/// (andrewcho-dev/OpsConductor), stamped at its empty Alembic baseline `2d9a04ef6730`, with rows in every table.
///
/// The statements are this project's own wording of what each file does; each part's comment names the file and
/// statement it reproduces. They run one by one, each on its own, as `psql` runs an init file: a statement that
/// fails there (07's indexes on `alert_rules` columns that its no-op `CREATE TABLE IF NOT EXISTS` never made)
/// fails here too, and the database is what remains.
public enum OriginalInitDatabase {
    /// One statement of an init file.
    public struct Statement: Sendable {
        /// `01_init.sql` …
        public var file: String
        public var sql: String
    }

    /// What building the database did: the statements that failed, as they fail in the original.
    public struct Outcome: Sendable {
        public var failed: [(file: String, sql: String, error: String)]
    }

    /// Builds the original's schema and seed rows, then the sample rows, in an empty database.
    @discardableResult
    public static func create(on database: any SQLDatabase, sampleRows: Bool = true) async throws -> Outcome {
        try await database.raw("SET TimeZone = 'UTC'").run()
        var failed: [(file: String, sql: String, error: String)] = []
        for statement in statements {
            do {
                try await database.raw(SQLQueryString(statement.sql)).run()
            } catch {
                failed.append((statement.file, statement.sql, String(reflecting: error)))
            }
        }
        for sql in alembicStamp + (sampleRows ? self.sampleRows : []) {
            try await database.raw(SQLQueryString(sql)).run()
        }
        return Outcome(failed: failed)
    }

    /// Every statement of 01…08, in order.
    public static var statements: [Statement] {
        initFile01 + jobTables02 + jobTargets03 + analytics04 + discovery05 + schedules06 + notifications07
            + celery08
    }

    static func index(_ file: String, _ name: String, _ table: String, _ columns: String, ifNotExists: Bool = true)
        -> Statement
    {
        Statement(
            file: file, sql: "create index \(ifNotExists ? "if not exists " : "")\(name) on \(table) (\(columns))")
    }

    static func serial(_ prefix: String, _ table: String, width: Int) -> String {
        "('\(prefix)-' || lpad(nextval('\(table)_id_seq')::text, \(width), '0'))"
    }

    static let now = "timestamptz default current_timestamp"

    // MARK: 01_init.sql (the version with the targets tables and five settings)

    static var initFile01: [Statement] {
        let f = "01_init.sql"
        var list = [
            // 01: CREATE TABLE users — unique username and email, role defaulting to 'user', nullable is_active.
            Statement(
                file: f,
                sql: """
                    create table if not exists users (id serial primary key, username varchar(50) not null unique,
                      email varchar(100) not null unique, password_hash varchar(255) not null,
                      role varchar(20) not null default 'user', is_active boolean default true,
                      last_login timestamptz, created_at \(now), updated_at \(now))
                    """),
            // 01: CREATE TABLE user_sessions — user_id without a foreign key.
            Statement(
                file: f,
                sql: """
                    create table if not exists user_sessions (id serial primary key, user_id integer not null,
                      session_token varchar(255) not null unique, ip_address varchar(45), user_agent text,
                      created_at \(now), expires_at timestamptz not null, last_activity \(now))
                    """),
        ]
        // 01: the seven CREATE INDEX statements on users and user_sessions.
        list += [
            ("idx_users_username", "users", "username"), ("idx_users_email", "users", "email"),
            ("idx_users_role", "users", "role"), ("idx_users_active", "users", "is_active"),
            ("idx_user_sessions_token", "user_sessions", "session_token"),
            ("idx_user_sessions_user_id", "user_sessions", "user_id"),
            ("idx_user_sessions_expires", "user_sessions", "expires_at"),
        ].map { index(f, $0.0, $0.1, $0.2) }
        list += [
            // 01: CREATE TABLE universal_targets — uuid and TGT-nnnnnn serial defaults, nullable is_active.
            Statement(
                file: f,
                sql: """
                    create table if not exists universal_targets (id serial primary key,
                      target_uuid uuid not null unique default gen_random_uuid(),
                      target_serial varchar(20) not null unique default \(serial("TGT", "universal_targets", width: 6)),
                      name varchar(100) not null, target_type varchar(20) not null default 'system',
                      description text, os_type varchar(20) not null,
                      environment varchar(20) not null default 'development', location varchar(100),
                      data_center varchar(100), region varchar(100), is_active boolean default true,
                      status varchar(20) not null default 'active', health_status varchar(20) not null default 'unknown',
                      created_at \(now), updated_at \(now))
                    """),
            // 01: CREATE TABLE target_credentials — the early shape: target_id and a credential_data jsonb.
            Statement(
                file: f,
                sql: """
                    create table if not exists target_credentials (id serial primary key,
                      target_id integer not null references universal_targets (id) on delete cascade,
                      credential_type varchar(50) not null, credential_data jsonb not null, created_at \(now))
                    """),
            // 01: CREATE TABLE target_communication_methods — the early shape with method_config.
            Statement(
                file: f,
                sql: """
                    create table if not exists target_communication_methods (id serial primary key,
                      target_id integer not null references universal_targets (id) on delete cascade,
                      method_type varchar(50) not null, method_config jsonb not null, is_primary boolean default false,
                      created_at \(now))
                    """),
        ]
        // 01: the nine CREATE INDEX statements for the targets tables.
        list += [
            ("idx_universal_targets_type", "universal_targets", "target_type"),
            ("idx_universal_targets_active", "universal_targets", "is_active"),
            ("idx_universal_targets_target_uuid", "universal_targets", "target_uuid"),
            ("idx_universal_targets_target_serial", "universal_targets", "target_serial"),
            ("idx_universal_targets_status", "universal_targets", "status"),
            ("idx_universal_targets_health_status", "universal_targets", "health_status"),
            ("idx_universal_targets_environment", "universal_targets", "environment"),
            ("idx_target_credentials_target_id", "target_credentials", "target_id"),
            ("idx_target_communication_methods_target_id", "target_communication_methods", "target_id"),
        ].map { index(f, $0.0, $0.1, $0.2) }
        list += [
            // 01: INSERT the admin user (bcrypt hash of the documented default password), ON CONFLICT DO NOTHING.
            Statement(
                file: f,
                sql: """
                    insert into users (username, email, password_hash, role, is_active)
                    values ('admin', 'admin@opsconductor.com',
                      '$2b$12$LQv3c1yqBWVHxkd0LHAkCOYz6TtxMQJqhN8/LewdBPj/RK.s5uOeG', 'administrator', true)
                    on conflict (username) do nothing
                    """),
            // 01: CREATE TABLE system_settings — key/value with a jsonb value.
            Statement(
                file: f,
                sql: """
                    create table if not exists system_settings (id serial primary key,
                      setting_key varchar(100) not null unique, setting_value jsonb not null, description text,
                      updated_at \(now))
                    """),
            // 01: INSERT the five default settings, ON CONFLICT (setting_key) DO NOTHING.
            Statement(
                file: f,
                sql: """
                    insert into system_settings (setting_key, setting_value, description) values
                      ('timezone', '"UTC"', 'System timezone configuration'),
                      ('inactivity_timeout_minutes', '60', 'User inactivity timeout in minutes'),
                      ('warning_time_minutes', '2', 'Minutes of warning before a session times out'),
                      ('max_concurrent_jobs', '50', 'Most job executions at once'),
                      ('log_retention_days', '30', 'Days logs are kept')
                    on conflict (setting_key) do nothing
                    """),
        ]
        return list
    }

    // MARK: 02_job_tables.sql

    static var jobTables02: [Statement] {
        let f = "02_job_tables.sql"
        // 02: the seven CREATE TYPE … AS ENUM statements (job_status without 'deleted').
        var list = [
            ("job_type", "command, script, file_transfer, composite"),
            ("job_status", "draft, scheduled, running, completed, failed, cancelled"),
            ("execution_status", "scheduled, running, completed, failed, cancelled"),
            ("action_type", "command, script, file_transfer"),
            (
                "log_phase",
                "creation, target_selection, authentication, communication, action_execution, result_collection, completion"
            ),
            ("log_level", "info, warning, error, debug"),
            ("log_category", "authentication, communication, command_execution, file_transfer, system"),
        ].map { type, values in
            let quoted = values.split(separator: ", ").map { "'\($0)'" }.joined(separator: ", ")
            return Statement(file: f, sql: "create type \(type) as enum (\(quoted))")
        }
        list += [
            // 02: CREATE TABLE jobs.
            Statement(
                file: f,
                sql: """
                    create table jobs (id serial primary key, name varchar(255) not null, description text,
                      job_type job_type not null default 'command', status job_status not null default 'draft',
                      created_by integer not null references users (id), created_at \(now), updated_at timestamptz,
                      scheduled_at timestamptz, started_at timestamptz, completed_at timestamptz)
                    """),
            // 02: CREATE TABLE job_actions — jsonb parameters and config.
            Statement(
                file: f,
                sql: """
                    create table job_actions (id serial primary key,
                      job_id integer not null references jobs (id) on delete cascade, action_order integer not null,
                      action_type action_type not null, action_name varchar(255) not null,
                      action_parameters jsonb, action_config jsonb, created_at \(now))
                    """),
            // 02: CREATE TABLE job_targets — unique (job_id, target_id).
            Statement(
                file: f,
                sql: """
                    create table job_targets (id serial primary key,
                      job_id integer not null references jobs (id) on delete cascade,
                      target_id integer not null references universal_targets (id) on delete cascade,
                      created_at \(now), unique (job_id, target_id))
                    """),
            // 02: CREATE TABLE job_executions.
            Statement(
                file: f,
                sql: """
                    create table job_executions (id serial primary key,
                      job_id integer not null references jobs (id) on delete cascade,
                      execution_number integer not null, status execution_status not null default 'scheduled',
                      scheduled_at timestamptz, started_at timestamptz, completed_at timestamptz, created_at \(now))
                    """),
            // 02: CREATE TABLE job_execution_branches — branch_id is a varchar(10) like '001'.
            Statement(
                file: f,
                sql: """
                    create table job_execution_branches (id serial primary key,
                      job_execution_id integer not null references job_executions (id) on delete cascade,
                      target_id integer not null references universal_targets (id), branch_id varchar(10) not null,
                      status execution_status not null default 'scheduled', scheduled_at timestamptz,
                      started_at timestamptz, completed_at timestamptz, result_output text, result_error text,
                      exit_code integer, created_at \(now))
                    """),
            // 02: CREATE TABLE job_execution_logs.
            Statement(
                file: f,
                sql: """
                    create table job_execution_logs (id serial primary key,
                      job_execution_id integer not null references job_executions (id) on delete cascade,
                      branch_id integer references job_execution_branches (id) on delete cascade,
                      log_phase log_phase not null, log_level log_level not null default 'info',
                      log_category log_category not null, log_message text not null, log_details jsonb,
                      "timestamp" \(now), created_at \(now))
                    """),
        ]
        // 02: the seventeen CREATE INDEX statements (without IF NOT EXISTS).
        list += [
            ("idx_jobs_created_by", "jobs", "created_by"), ("idx_jobs_status", "jobs", "status"),
            ("idx_jobs_scheduled_at", "jobs", "scheduled_at"), ("idx_job_actions_job_id", "job_actions", "job_id"),
            ("idx_job_actions_order", "job_actions", "job_id, action_order"),
            ("idx_job_targets_job_id", "job_targets", "job_id"),
            ("idx_job_targets_target_id", "job_targets", "target_id"),
            ("idx_job_executions_job_id", "job_executions", "job_id"),
            ("idx_job_executions_status", "job_executions", "status"),
            ("idx_job_execution_branches_execution_id", "job_execution_branches", "job_execution_id"),
            ("idx_job_execution_branches_target_id", "job_execution_branches", "target_id"),
            ("idx_job_execution_branches_status", "job_execution_branches", "status"),
            ("idx_job_execution_logs_execution_id", "job_execution_logs", "job_execution_id"),
            ("idx_job_execution_logs_branch_id", "job_execution_logs", "branch_id"),
            ("idx_job_execution_logs_timestamp", "job_execution_logs", "\"timestamp\""),
            ("idx_job_execution_logs_phase", "job_execution_logs", "log_phase"),
            ("idx_job_execution_logs_category", "job_execution_logs", "log_category"),
        ].map { index(f, $0.0, $0.1, $0.2, ifNotExists: false) }
        // 02: the six COMMENT ON TABLE statements.
        list += [
            ("jobs", "Core job entity"), ("job_actions", "Actions within a job"),
            ("job_targets", "Which targets a job runs on"), ("job_executions", "Runs of a job"),
            ("job_execution_branches", "Per-target part of a run"), ("job_execution_logs", "Log lines of a run"),
        ].map { Statement(file: f, sql: "comment on table \($0.0) is '\($0.1)'") }
        return list
    }

    // MARK: 03_add_job_targets_table.sql

    static var jobTargets03: [Statement] {
        let f = "03_add_job_targets_table.sql"
        return [
            // 03: CREATE TABLE IF NOT EXISTS job_targets — a no-op after 02.
            Statement(
                file: f,
                sql: """
                    create table if not exists job_targets (id serial primary key,
                      job_id integer not null references jobs (id) on delete cascade,
                      target_id integer not null references universal_targets (id) on delete cascade,
                      created_at \(now), unique (job_id, target_id))
                    """),
            // 03: its two CREATE INDEX IF NOT EXISTS — no-ops too.
            index(f, "idx_job_targets_job_id", "job_targets", "job_id"),
            index(f, "idx_job_targets_target_id", "job_targets", "target_id"),
            // 03: COMMENT ON TABLE job_targets.
            Statement(file: f, sql: "comment on table job_targets is 'Which targets a job runs on'"),
        ]
    }
}

extension OriginalInitDatabase {
    /// Every row of every table with an `id`, each column's value as `to_jsonb` prints it (NULL as `nil`):
    /// `[table: [id: [column: value]]]`.
    public static func snapshot(on database: any SQLDatabase) async throws -> [String: [String: [String: String?]]] {
        let tables = try await database.raw(
            """
            SELECT c.table_name::text AS t FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
            WHERE c.table_schema = current_schema() AND c.column_name = 'id' AND t.table_type = 'BASE TABLE'
            """
        ).all().map { try $0.decode(column: "t", as: String.self) }
        var result: [String: [String: [String: String?]]] = [:]
        for table in tables {
            let rows = try await database.raw(
                SQLQueryString(
                    "SELECT (to_jsonb(r) ->> 'id') AS id, j.key AS key, j.value AS value "
                        + "FROM \"\(table)\" AS r, jsonb_each_text(to_jsonb(r)) AS j")
            ).all()
            var byID: [String: [String: String?]] = [:]
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                let key = try row.decode(column: "key", as: String.self)
                let value = try row.decode(column: "value", as: String?.self)
                byID[id, default: [:]][key] = .some(value)
            }
            result[table] = byID
        }
        return result
    }
}
