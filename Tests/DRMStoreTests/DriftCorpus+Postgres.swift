import DRMSchema
import Foundation

extension DriftCase {
    /// Drift that only PostgreSQL can make in place (SQLite would rebuild the table, or has no such thing): column
    /// types, collations, nullability and defaults, serial sequences, triggers, renamed constraints, index sort
    /// orders, operator classes, collations and expressions, foreign keys, unique and check constraints, enum types.
    static let postgresCases: [DriftCase] = [
        DriftCase(
            name: "json instead of jsonb",
            postgres: ["ALTER TABLE system_settings ALTER COLUMN setting_value TYPE json"],
            expected: [d(.type, "system_settings.setting_value", "jsonb", "json")]),
        DriftCase(
            name: "integer instead of boolean",
            postgres: [
                "ALTER TABLE alert_rules ALTER COLUMN is_active DROP DEFAULT",
                "ALTER TABLE alert_rules ALTER COLUMN is_active TYPE integer USING (CASE WHEN is_active THEN 1 ELSE 0 END)",
                "ALTER TABLE alert_rules ALTER COLUMN is_active SET DEFAULT 1",
            ],
            expected: [
                d(.type, "alert_rules.is_active", "boolean", "integer"),
                d(.default, "alert_rules.is_active", "true", "1"),
            ]),
        DriftCase(
            name: "timestamp without time zone",
            postgres: ["ALTER TABLE users ALTER COLUMN last_login TYPE timestamp"],
            expected: [d(.type, "users.last_login", "timestamp with time zone", "timestamp without time zone")]),
        DriftCase(
            name: "varchar instead of enum",
            postgres: ["ALTER TABLE job_execution_logs ALTER COLUMN log_category TYPE character varying(50)"],
            expected: [d(.type, "job_execution_logs.log_category", "log_category", "character varying(50)")]),
        DriftCase(
            name: "varchar length",
            postgres: ["ALTER TABLE users ALTER COLUMN username TYPE character varying(100)"],
            expected: [d(.type, "users.username", "character varying(50)", "character varying(100)")]),
        DriftCase(
            name: "column collation",
            postgres: ["ALTER TABLE users ALTER COLUMN username TYPE character varying(50) COLLATE \"C\""],
            expected: [
                d(.type, "users.username", "character varying(50)", "character varying(50) COLLATE \"C\"")
            ]),
        DriftCase(
            name: "column became nullable", postgres: ["ALTER TABLE users ALTER COLUMN email DROP NOT NULL"],
            expected: [d(.nullability, "users.email", "NOT NULL", "NULL")]),
        DriftCase(
            name: "column became NOT NULL", postgres: ["ALTER TABLE users ALTER COLUMN last_login SET NOT NULL"],
            expected: [d(.nullability, "users.last_login", "NULL", "NOT NULL")]),
        DriftCase(
            name: "changed default", postgres: ["ALTER TABLE jobs ALTER COLUMN priority SET DEFAULT 7"],
            expected: [d(.default, "jobs.priority", "5", "7")]),
        DriftCase(
            name: "missing default", postgres: ["ALTER TABLE users ALTER COLUMN role DROP DEFAULT"],
            expected: [d(.default, "users.role", "'user'::character varying", nil)]),
        DriftCase(
            name: "serial lost its sequence", postgres: ["ALTER TABLE users ALTER COLUMN id DROP DEFAULT"],
            expected: [d(.type, "users.id", "serial", "integer")]),
        // A serial column's sequence (PostgreSQL).
        DriftCase(
            name: "serial sequence increment",
            postgres: ["ALTER SEQUENCE users_id_seq INCREMENT BY 5 START WITH 10"],
            expected: [
                d(
                    .sequence, "users(id) users_id_seq",
                    "INCREMENT 1 START 1 MINVALUE 1 MAXVALUE 2147483647 NO CYCLE OWNED BY users.id",
                    "INCREMENT 5 START 10 MINVALUE 1 MAXVALUE 2147483647 NO CYCLE OWNED BY users.id")
            ]),
        DriftCase(
            name: "serial sequence bounds and cycle",
            postgres: ["ALTER SEQUENCE job_actions_id_seq MINVALUE 0 MAXVALUE 1000 CYCLE"],
            expected: [
                d(
                    .sequence, "job_actions(id) job_actions_id_seq",
                    "INCREMENT 1 START 1 MINVALUE 1 MAXVALUE 2147483647 NO CYCLE OWNED BY job_actions.id",
                    "INCREMENT 1 START 1 MINVALUE 0 MAXVALUE 1000 CYCLE OWNED BY job_actions.id")
            ]),
        DriftCase(
            name: "serial sequence not owned by its column",
            postgres: ["ALTER SEQUENCE jobs_id_seq OWNED BY NONE"],
            expected: [
                d(
                    .sequence, "jobs(id) jobs_id_seq",
                    "INCREMENT 1 START 1 MINVALUE 1 MAXVALUE 2147483647 NO CYCLE OWNED BY jobs.id",
                    "INCREMENT 1 START 1 MINVALUE 1 MAXVALUE 2147483647 NO CYCLE OWNED BY NONE")
            ]),
        DriftCase(
            name: "trigger on a table (reported, not repaired)",
            postgres: [
                "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN NEW.updated_at := now(); RETURN NEW; END'",
                "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()",
            ],
            expected: [
                d(
                    .extraTrigger, "users users_touch", nil,
                    "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()")
            ], repairable: false),
        DriftCase(
            name: "foreign key re-created as c42 without ON DELETE",
            postgres: [
                "ALTER TABLE job_actions DROP CONSTRAINT job_actions_job_id_fkey",
                "ALTER TABLE job_actions ADD CONSTRAINT c42 FOREIGN KEY (job_id) REFERENCES jobs(id)",
            ],
            expected: [d(.naming, "job_actions(job_id) job_actions_job_id_fkey", "job_actions_job_id_fkey", "c42")]),
        DriftCase(
            name: "check renamed to the default jobs_check",
            postgres: ["ALTER TABLE jobs RENAME CONSTRAINT ck_jobs_priority TO jobs_check"],
            expected: [d(.naming, "jobs(priority) ck_jobs_priority", "ck_jobs_priority", "jobs_check")]),
        DriftCase(
            name: "unique constraint renamed to u1",
            postgres: ["ALTER TABLE users RENAME CONSTRAINT users_email_key TO u1"],
            expected: [d(.naming, "users(email) users_email_key", "users_email_key", "u1")]),
        // What an index's keys say beyond their columns, as only PostgreSQL has it.
        DriftCase(
            name: "index NULLS FIRST",
            postgres: ["DROP INDEX idx_users_role", "CREATE INDEX idx_users_role ON users (role NULLS FIRST)"],
            expected: [d(.changedIndex, "users(role) idx_users_role", "(role)", "(role NULLS FIRST)")]),
        DriftCase(
            name: "index operator class",
            postgres: [
                "DROP INDEX idx_universal_targets_name",
                "CREATE INDEX idx_universal_targets_name ON universal_targets (name varchar_pattern_ops)",
            ],
            expected: [
                d(
                    .changedIndex, "universal_targets(name) idx_universal_targets_name", "(name)",
                    "(name varchar_pattern_ops)")
            ]),
        DriftCase(
            name: "index access method changed",
            postgres: [
                "DROP INDEX idx_device_types_category",
                "CREATE INDEX idx_device_types_category ON device_types USING hash (category)",
            ],
            expected: [
                d(
                    .changedIndex, "device_types(category) idx_device_types_category", "(category)",
                    "(category) USING hash")
            ]),
        DriftCase(
            name: "missing foreign key",
            postgres: ["ALTER TABLE job_actions DROP CONSTRAINT job_actions_job_id_fkey"],
            expected: [d(.missingForeignKey, "job_actions(job_id) job_actions_job_id_fkey", "job_id → jobs(id)")]),
        DriftCase(
            name: "foreign key without ON DELETE",
            postgres: [
                "ALTER TABLE job_actions DROP CONSTRAINT job_actions_job_id_fkey",
                "ALTER TABLE job_actions ADD CONSTRAINT job_actions_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs(id)",
            ],
            expected: [
                d(
                    .foreignKeyAction, "job_actions(job_id) job_actions_job_id_fkey",
                    "ON DELETE CASCADE ON UPDATE NO ACTION",
                    "ON DELETE NO ACTION ON UPDATE NO ACTION")
            ]),
        DriftCase(
            name: "extra foreign key",
            postgres: [
                "ALTER TABLE jobs ADD CONSTRAINT jobs_owner_fkey FOREIGN KEY (deleted_by) REFERENCES users(id)"
            ], expected: [d(.extraForeignKey, "jobs(deleted_by) jobs_owner_fkey", nil, "deleted_by → users(id)")]),
        DriftCase(
            name: "foreign key under another name",
            postgres: [
                "ALTER TABLE job_targets RENAME CONSTRAINT job_targets_job_id_fkey TO fk_job_targets_job"
            ],
            expected: [
                d(
                    .naming, "job_targets(job_id) job_targets_job_id_fkey", "job_targets_job_id_fkey",
                    "fk_job_targets_job")
            ]
        ),
        DriftCase(
            name: "foreign key on another column",
            postgres: [
                "ALTER TABLE job_actions DROP CONSTRAINT job_actions_job_id_fkey",
                "ALTER TABLE job_actions ADD CONSTRAINT job_actions_job_id_fkey FOREIGN KEY (action_order) REFERENCES jobs(id) ON DELETE CASCADE",
            ],
            expected: [
                d(
                    .changedForeignKey, "job_actions(job_id) job_actions_job_id_fkey", "job_id → jobs(id)",
                    "action_order → jobs(id)")
            ]
        ),
        DriftCase(
            name: "missing unique constraint", postgres: ["ALTER TABLE users DROP CONSTRAINT users_email_key"],
            expected: [d(.unique, "users(email) users_email_key", "email")]),
        DriftCase(
            name: "extra unique constraint",
            postgres: ["ALTER TABLE jobs ADD CONSTRAINT jobs_name_key UNIQUE (name)"],
            expected: [d(.unique, "jobs(name) jobs_name_key", nil, "name")]),
        DriftCase(
            name: "missing check", postgres: ["ALTER TABLE jobs DROP CONSTRAINT ck_jobs_priority"],
            expected: [d(.check, "jobs(priority) ck_jobs_priority", "(((priority >= 1) AND (priority <= 10)))")]),
        DriftCase(
            name: "changed check",
            postgres: [
                "ALTER TABLE jobs DROP CONSTRAINT ck_jobs_priority",
                "ALTER TABLE jobs ADD CONSTRAINT ck_jobs_priority CHECK (priority >= 0)",
            ],
            expected: [
                d(
                    .check, "jobs(priority) ck_jobs_priority", "(((priority >= 1) AND (priority <= 10)))",
                    "((priority >= 0))")
            ]),
        DriftCase(
            name: "extra check",
            postgres: ["ALTER TABLE users ADD CONSTRAINT ck_users_name CHECK (length(username) > 1)"],
            expected: [d(.check, "users(username) ck_users_name", nil, "((length((username)::text) > 1))")]),
        DriftCase(
            name: "extra enum value", postgres: ["ALTER TYPE job_status ADD VALUE 'paused'"],
            expected: [
                d(
                    .enumValues, "job_status", "draft, scheduled, running, completed, failed, cancelled, deleted",
                    "draft, scheduled, running, completed, failed, cancelled, deleted, paused")
            ], repairable: false),
        DriftCase(
            name: "missing enum type",
            postgres: [
                // The partial indexes' predicates compare `status` with the enum's values: they go first.
                "DROP INDEX idx_celery_task_history_waiting",
                "DROP INDEX idx_celery_task_history_leased",
                "ALTER TABLE celery_task_history ALTER COLUMN status DROP DEFAULT",
                "ALTER TABLE celery_task_history ALTER COLUMN status TYPE character varying(20)",
                "DROP TYPE task_status",
            ],
            expected: [
                d(.type, "celery_task_history.status", "task_status", "character varying(20)"),
                d(.default, "celery_task_history.status", "'pending'::task_status", nil),
                d(
                    .missingIndex, "celery_task_history(id) idx_celery_task_history_waiting",
                    "(id) WHERE (status = ANY (ARRAY['pending'::task_status, 'retry'::task_status]))"),
                d(
                    .missingIndex, "celery_task_history(lease_expires_at) idx_celery_task_history_leased",
                    "(lease_expires_at) WHERE (status = 'started'::task_status)"),
                d(.missingEnum, "task_status", "pending, started, retry, failure, success, revoked"),
            ]),
        DriftCase(
            name: "extra enum type", postgres: ["CREATE TYPE stray_kind AS ENUM ('a', 'b')"],
            expected: [d(.extraEnum, "stray_kind", nil, "a, b")]),
        DriftCase(
            name: "primary key renamed",
            postgres: [
                "ALTER TABLE alembic_version RENAME CONSTRAINT alembic_version_pkc TO alembic_version_pkey"
            ],
            expected: [
                d(
                    .primaryKey, "alembic_version(version_num) alembic_version_pkc",
                    "alembic_version_pkc (version_num)",
                    "alembic_version_pkey (version_num)")
            ], repairable: false),
    ]
}
