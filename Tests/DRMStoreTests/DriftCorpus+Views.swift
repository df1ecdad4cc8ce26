import DRMSchema
import Foundation

extension DriftCase {
    /// The declared views missing, changed or joined by another, and drift under a view that repair must get past
    /// (PostgreSQL won't change a column a view reads; SQLite won't rename a rebuilt table under a view).
    static let viewCases: [DriftCase] = [
        DriftCase(
            name: "missing view", postgres: ["DROP VIEW analytics_summary"], sqlite: ["DROP VIEW analytics_summary"],
            expected: [d(.missingView, "analytics_summary")]),
        DriftCase(
            name: "changed view",
            postgres: [
                "DROP VIEW target_performance_summary",
                "CREATE VIEW target_performance_summary AS SELECT t.id AS target_id FROM universal_targets t",
            ],
            sqlite: [
                "DROP VIEW target_performance_summary",
                "CREATE VIEW target_performance_summary AS SELECT t.id AS target_id FROM universal_targets t",
            ],
            expected: [
                d(
                    .changedView, "target_performance_summary",
                    DatabaseView.targetPerformanceSummary.comparableQuery(.postgres),
                    "SELECT t.id AS target_id FROM universal_targets t")
            ],
            sqliteExpected: [
                d(
                    .changedView, "target_performance_summary",
                    DatabaseView.targetPerformanceSummary.comparableQuery(.sqlite),
                    "SELECT t.id AS target_id FROM universal_targets t")
            ]),
        DriftCase(
            name: "extra view", postgres: ["CREATE VIEW active_users AS SELECT id FROM users WHERE is_active"],
            sqlite: ["CREATE VIEW active_users AS SELECT id FROM users WHERE is_active"],
            expected: [d(.extraView, "active_users", nil, "SELECT users.id FROM users WHERE users.is_active")],
            repairable: false,
            sqliteExpected: [d(.extraView, "active_users", nil, "SELECT id FROM users WHERE is_active")]),
        DriftCase(
            name: "column type under a view",
            postgres: [
                "DROP VIEW target_performance_summary",
                "ALTER TABLE universal_targets ALTER COLUMN name TYPE character varying(200)",
                SQLRenderer(.postgres).createView(.targetPerformanceSummary),
            ],
            expected: [d(.type, "universal_targets.name", "character varying(100)", "character varying(200)")]),
        DriftCase(
            name: "extra column in a table a view reads",
            postgres: ["ALTER TABLE job_executions ADD COLUMN note text"],
            sqlite: ["ALTER TABLE job_executions ADD COLUMN note text"],
            expected: [d(.extraColumn, "job_executions.note", nil, "text")]),
    ]
}
