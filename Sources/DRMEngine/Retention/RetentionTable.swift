import DRMCore
import Foundation

/// One table that retention deletes from: its time column, which rows may go at all, and (for SQLite's byte
/// estimate) its variable-length columns.
struct RetentionTable: Sendable {
    /// A place in the (time, id) order in which candidates are read.
    struct Position: Sendable, Hashable {
        var time: Date
        var id: Int
    }

    var name: String
    var timeColumn: String
    /// What else a row must satisfy to go (SQL on alias `t`).
    var condition: String
    var variableColumns: [String]
    /// Whether this is `job_executions`, whose rows take their branches, results and logs with them.
    var isExecutions = false

    /// The statuses of an execution that has ended.
    static let ended = "('completed', 'failed', 'cancelled', 'timed_out', 'partially_failed', 'skipped')"

    static func tables(of kind: RetentionPolicy.Kind) -> [RetentionTable] {
        switch kind {
        case .executionLogs:
            [
                RetentionTable(
                    name: "job_execution_logs", timeColumn: "timestamp",
                    condition: """
                        (t.job_execution_id IS NULL OR EXISTS (SELECT 1 FROM job_executions e
                            WHERE e.id = t.job_execution_id AND e.status IN \(ended) AND e.pinned_at IS NULL))
                        """,
                    variableColumns: ["log_message", "log_details"])
            ]
        case .executions:
            [
                RetentionTable(
                    name: "job_executions", timeColumn: "completed_at",
                    condition: "t.status IN \(ended) AND t.pinned_at IS NULL",
                    variableColumns: ["parameters", "error_message"], isExecutions: true)
            ]
        case .taskHistory:
            [
                RetentionTable(
                    name: "celery_task_history", timeColumn: "completed_at",
                    condition: "t.status IN ('success', 'failure', 'revoked')",
                    variableColumns: ["result", "traceback", "args", "kwargs"])
            ]
        case .healthSnapshots:
            [
                RetentionTable(
                    name: "system_health_snapshots", timeColumn: "timestamp", condition: "1 = 1",
                    variableColumns: ["system_data"]),
                RetentionTable(
                    name: "celery_metrics_snapshots", timeColumn: "snapshot_time", condition: "1 = 1",
                    variableColumns: ["queue_lengths", "worker_stats", "system_load", "memory_usage"]),
            ]
        case .auditEvents:
            [
                RetentionTable(
                    name: "audit_events", timeColumn: "occurred_at", condition: "1 = 1",
                    variableColumns: ["actor_name", "user_agent", "details", "checksum"])
            ]
        }
    }
}
