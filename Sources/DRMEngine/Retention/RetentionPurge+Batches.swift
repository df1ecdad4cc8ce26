import DRMCore
import DRMStore
import FluentKit
import Foundation
import SQLKit

extension RetentionPurge {
    /// The next batch of rows of `table` older than `before`, in id order after `after`: the ids that may
    /// go, and the position of the last row read (`nil` when none was left). `kept` holds, per job, the oldest
    /// execution that stays (see ``keptThresholds(_:)``).
    func candidates(
        _ table: RetentionTable, before: Date, after: RetentionTable.Position?,
        kept: [Int: RetentionTable.Position]?
    ) async throws -> (ids: [Int], last: RetentionTable.Position?) {
        // Read in id order after the last id read: a time decoded and bound again need not compare equal to the
        // stored one on every driver, so an id is the only safe place to resume from.
        let time = table.timeColumn
        let resume: SQLQueryString = after.map { "AND t.id > \(bind: $0.id)" } ?? ""
        let job: SQLQueryString = table.isExecutions ? ", t.job_id" : ""
        let rows = try await sql.raw(
            """
            SELECT t.id, t.\(unsafeRaw: time) AS moment\(job) FROM \(unsafeRaw: table.name) t
            WHERE t.\(unsafeRaw: time) < \(bind: before) AND \(unsafeRaw: table.condition) \(resume)
            ORDER BY t.id LIMIT \(bind: batchSize)
            """
        ).all()
        var ids: [Int] = []
        var last: RetentionTable.Position?
        for row in rows {
            let position = RetentionTable.Position(
                time: try row.decode(column: "moment", as: Date.self), id: try row.decode(column: "id", as: Int.self))
            last = position
            if table.isExecutions, let kept {
                guard let threshold = kept[try row.decode(column: "job_id", as: Int.self)] else { continue }
                guard (position.time, position.id) < (threshold.time, threshold.id) else { continue }
            }
            ids.append(position.id)
        }
        return (ids, last)
    }

    /// The bytes of `ids` of `table` (for executions, with their branches, results and logs).
    func bytes(_ table: RetentionTable, ids: [Int]) async throws -> Int {
        let list = ids.map(String.init).joined(separator: ", ")
        var parts: [(String, String, [String])] = [(table.name, "t.id IN (\(list))", table.variableColumns)]
        if table.isExecutions {
            let branches = "SELECT id FROM job_execution_branches WHERE job_execution_id IN (\(list))"
            parts += [
                ("job_execution_branches", "t.job_execution_id IN (\(list))", ["result_output", "result_error"]),
                ("job_action_results", "t.branch_id IN (\(branches))", ["result_output", "result_error"]),
                ("job_execution_logs", "t.job_execution_id IN (\(list))", ["log_message", "log_details"]),
            ]
        }
        var total = 0
        for (name, condition, columns) in parts {
            let size =
                isPostgres
                ? "pg_column_size(t.*)"
                : "64 + " + columns.map { "COALESCE(length(CAST(t.\($0) AS BLOB)), 0)" }.joined(separator: " + ")
            let row = try await sql.raw(
                "SELECT CAST(COALESCE(SUM(\(unsafeRaw: size)), 0) AS BIGINT) AS bytes FROM \(unsafeRaw: name) t WHERE \(unsafeRaw: condition)"
            ).first()
            total += try row?.decode(column: "bytes", as: Int.self) ?? 0
        }
        return total
    }

    /// Deletes `ids` of `table` in one short transaction (children first, so it holds without cascades).
    /// Each row is checked again inside the transaction (locked on PostgreSQL), so a row pinned since it was read
    /// stays. Returns how many rows of `table` went.
    @discardableResult
    func delete(_ table: RetentionTable, ids: [Int]) async throws -> Int {
        let postgres = isPostgres
        let statementTimeout = statementTimeout
        let lockTimeout = lockTimeout
        return try await database.transaction { db in
            let sql = db as! any SQLDatabase
            if postgres {
                try await sql.raw("SET LOCAL statement_timeout = '\(unsafeRaw: statementTimeout)'").run()
                try await sql.raw("SET LOCAL lock_timeout = '\(unsafeRaw: lockTimeout)'").run()
            }
            let lock: SQLQueryString = postgres ? "FOR UPDATE OF t" : ""
            let still = try await sql.raw(
                """
                SELECT t.id FROM \(unsafeRaw: table.name) t
                WHERE t.id IN (\(unsafeRaw: ids.map(String.init).joined(separator: ", ")))
                    AND \(unsafeRaw: table.condition) \(lock)
                """
            ).all().map { try $0.decode(column: "id", as: Int.self) }
            guard !still.isEmpty else { return 0 }
            let list = still.map(String.init).joined(separator: ", ")
            if table.isExecutions {
                // Only ended executions are candidates, and an ended execution never runs again.
                try await sql.raw(
                    "DELETE FROM job_execution_logs WHERE job_execution_id IN (\(unsafeRaw: list))"
                ).run()
                try await sql.raw(
                    """
                    DELETE FROM job_action_results WHERE branch_id IN
                        (SELECT id FROM job_execution_branches WHERE job_execution_id IN (\(unsafeRaw: list)))
                    """
                ).run()
                try await sql.raw(
                    "DELETE FROM job_execution_branches WHERE job_execution_id IN (\(unsafeRaw: list))"
                ).run()
                try await sql.raw(
                    """
                    UPDATE schedule_executions SET job_execution_id = NULL
                    WHERE job_execution_id IN (\(unsafeRaw: list))
                    """
                ).run()
            }
            try await sql.raw("DELETE FROM \(unsafeRaw: table.name) WHERE id IN (\(unsafeRaw: list))").run()
            return still.count
        }
    }
}
