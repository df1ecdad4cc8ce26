import DRMSchema
import DRMStore
import FluentKit
import Foundation
import SQLKit

extension TaskQueue {
    /// Why no worker could claim a task on this database, or `nil` when one could. Read-only checks, so a
    /// readiness probe never takes the write lock: on PostgreSQL a standby, a read-only default transaction or a
    /// missing UPDATE grant on `celery_task_history`; on SQLite a database opened query-only.
    public func claimProblem() async -> String? {
        let sql = database as! any SQLDatabase
        do {
            if sql.dialect.name == "sqlite" {
                let row = try await sql.raw("PRAGMA query_only").first()
                if try row?.decode(column: "query_only", as: Int.self) == 1 {
                    return "no task can be claimed: the database is query-only"
                }
                return nil
            }
            let row = try await sql.raw(
                """
                SELECT pg_is_in_recovery() AS standby, current_setting('transaction_read_only') = 'on' AS read_only,
                  has_table_privilege('celery_task_history', 'UPDATE') AS may_update
                """
            ).first()
            guard let row else { return "no task can be claimed: the database gave no answer" }
            if try row.decode(column: "standby", as: Bool.self) {
                return "no task can be claimed: the database is a standby (read-only)"
            }
            if try row.decode(column: "read_only", as: Bool.self) {
                return "no task can be claimed: the database's transactions are read-only"
            }
            if try !row.decode(column: "may_update", as: Bool.self) {
                return "no task can be claimed: the database user may not update celery_task_history"
            }
            return nil
        } catch {
            return "no task can be claimed: \(SQLErrorText.describe(error))"
        }
    }
}
