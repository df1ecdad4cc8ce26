import DRMEngine
import Foundation
import SQLKit

/// The statements main ran before issue 19, for the "before" variants: a probe SELECT, the claim, then per task a
/// SELECT of `started_at` and its own finishing UPDATE.
struct LegacyStatements {
    let queue: TaskQueue

    func claimAndFinish(worker: String) async throws -> Int {
        let sql = queue.database as! any SQLDatabase
        let now = Date()
        let due = try await sql.raw(
            """
            SELECT id FROM celery_task_history
            WHERE status IN ('pending', 'retry') AND queue = 'default' AND (eta IS NULL OR eta <= \(bind: now)) LIMIT 1
            """
        ).first()
        guard due != nil else { return 0 }
        let rows = try await sql.raw(
            """
            UPDATE celery_task_history SET status = 'started', worker = \(bind: worker), started_at = \(bind: now),
                lease_expires_at = \(bind: now.addingTimeInterval(30))
            WHERE id IN (
                SELECT id FROM celery_task_history
                WHERE status IN ('pending', 'retry') AND queue = 'default' AND (eta IS NULL OR eta <= \(bind: now))
                ORDER BY id LIMIT \(bind: claimLimit) FOR UPDATE SKIP LOCKED)
            RETURNING id, task_id, task_name, args, retries, max_retries
            """
        ).all()
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self)
            _ = try row.decode(column: "task_id", as: String.self)
            _ = try row.decode(column: "task_name", as: String.self)
            let retries = try row.decode(column: "retries", as: Int?.self) ?? 0
            let finished = Date()
            let started = try await sql.raw("SELECT started_at FROM celery_task_history WHERE id = \(bind: id)")
                .first()?.decode(column: "started_at", as: Date?.self)
            let runtime = started.map { (finished.timeIntervalSince($0) * 1000).rounded() / 1000 }
            try await sql.raw(
                """
                UPDATE celery_task_history SET status = 'success', result = \(bind: String?.none),
                    retries = \(bind: retries), eta = \(bind: finished), completed_at = \(bind: finished),
                    lease_expires_at = NULL, runtime_seconds = \(bind: runtime)
                WHERE id = \(bind: id) AND worker = \(bind: worker) AND status = 'started'
                """
            ).run()
        }
        return rows.count
    }
}
