import Foundation
import SQLKit
import Synchronization

/// Keeps PostgreSQL's statistics of `celery_task_history` in step with a backlog it hasn't seen (issue 19).
///
/// The planner costs a claim by what the last `ANALYZE` saw. Most of the time that is a table of finished tasks
/// with next to nothing waiting, so when a burst of tasks arrives (10,000 at once, or a fresh, never analysed
/// table) it thinks sorting the waiting rows costs nothing and, on every claim, reads and sorts all of them instead
/// of taking the first few from the waiting rows' index: draining n tasks then costs n²/batch row reads.
/// Autovacuum analyses the table only after its next nap (a minute by default), long after a burst began; migration
/// 0017 lowers its thresholds for this table, and this watch closes the gap: when a claim comes back full (a
/// backlog), at most once per ``TaskQueue/statisticsInterval``, the queue compares the waiting rows the planner
/// expects with those there are and runs `ANALYZE` when it expects fewer than half of at least
/// ``TaskQueue/statisticsBacklog``.
final class StatisticsWatch: Sendable {
    private let lastLook = Mutex<ContinuousClock.Instant?>(nil)

    /// Whether a look is due (none in the last `interval`); if so, records one now.
    func lookDue(every interval: Duration) -> Bool {
        let now = ContinuousClock.now
        return lastLook.withLock { last in
            if let last, now - last < interval { return false }
            last = now
            return true
        }
    }
}

extension TaskQueue {
    /// After a claim of `claimed` tasks out of `limit`: on PostgreSQL, when the claim was full and a look is due,
    /// analyses the table if its statistics don't know the backlog. Never fails the claim (the tasks are claimed).
    func keepStatisticsInStep(claimed: Int, limit: Int) async {
        guard claimed == limit, statisticsInterval > .zero,
            let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql",
            statisticsWatch.lookDue(every: statisticsInterval)
        else { return }
        _ = try? await analyzeIfStale(sql)
    }

    /// Runs `ANALYZE` when the planner expects fewer than half of the waiting rows there are and there are at least
    /// ``statisticsBacklog``. Returns whether it did. Another session's `ANALYZE` in progress is not waited for.
    @discardableResult
    func analyzeIfStale(_ sql: any SQLDatabase) async throws -> Bool {
        let (waiting, expected) = try await waitingRows(sql)
        guard waiting >= statisticsBacklog, expected * 2 < waiting else { return false }
        try await sql.raw("ANALYZE (SKIP_LOCKED) celery_task_history").run()
        return true
    }

    /// The waiting rows there are (counted up to 10 × ``statisticsBacklog``) and those the planner expects.
    func waitingRows(_ sql: any SQLDatabase) async throws -> (waiting: Int, expected: Int) {
        let cap = max(1, statisticsBacklog) * 10
        let count = try await sql.raw(
            """
            SELECT count(*) AS waiting FROM (SELECT 1 FROM celery_task_history
                WHERE status IN ('pending', 'retry') LIMIT \(unsafeRaw: String(cap))) AS backlog
            """
        ).first()
        let waiting = try count?.decode(column: "waiting", as: Int.self) ?? 0
        // The plan's first line ends its cost with "rows=N width=W": N is the planner's estimate.
        let plan = try await sql.raw(
            "EXPLAIN SELECT 1 FROM celery_task_history WHERE status IN ('pending', 'retry')"
        ).first()
        let line = try plan?.decode(column: "QUERY PLAN", as: String.self) ?? ""
        return (waiting, Self.estimatedRows(inPlanLine: line) ?? 0)
    }

    /// N of the first `rows=N` in a line of `EXPLAIN`'s text output.
    static func estimatedRows(inPlanLine line: String) -> Int? {
        guard let range = line.range(of: "rows=") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
}
