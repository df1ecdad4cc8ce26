import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

/// Claims and finishes in batches on SQLite and PostgreSQL: one statement for a batch's ends, the run time from the
/// claim's own RETURNING, and the lease rules kept (only the holder records an end, and only once).
@Suite struct TaskQueueBatchTests {
    static let start = TaskQueueTests.start
    /// Each dialect, and PostgreSQL once more without prepared statements (SQLKit's VALUES list instead).
    static let paths: [(SchemaDialect, Bool)] = [(.sqlite, true), (.postgres, true), (.postgres, false)]

    static func queue(
        _ database: TestDatabase, clock: TestClock, prepared: Bool, lease: Duration = .seconds(30)
    ) -> TaskQueue {
        var queue = TaskQueueTests.queue(database, clock: clock, lease: lease)
        queue.preparedStatements = prepared
        return queue
    }

    @Test("one finish records a batch of ends: success, retry with backoff, failure", arguments: Self.paths)
    func finishABatch(dialect: SchemaDialect, prepared: Bool) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = TestClock(Self.start)
            let queue = Self.queue(database, clock: clock, prepared: prepared)
            for n in 0..<3 { try await queue.enqueue("echo", args: .number(Double(n))) }
            let claimed = try await queue.claim(worker: "w", limit: 3)
            try #require(claimed.count == 3)
            #expect(claimed.allSatisfy { $0.startedAt == Self.start }, "the claim returns when it started the task")

            clock.advance(1.25)
            let recorded = try await queue.finish(
                [
                    .init(claimed[0], .success("ok")), .init(claimed[1], .failure(TaskError("again", retry: true))),
                    .init(claimed[2], .failure(TaskError("fatal"))),
                ], worker: "w")
            #expect(recorded == Set(claimed.map(\.id)))

            let ok = try await TaskQueueTests.record(claimed[0].id, database)
            #expect(ok.status == .success && ok.result == "ok" && ok.leaseExpiresAt == nil)
            #expect(ok.completedAt == Self.start.addingTimeInterval(1.25))
            #expect(ok.runtimeSeconds == Decimal(string: "1.25"), "measured from the claim's started_at")
            let retry = try await TaskQueueTests.record(claimed[1].id, database)
            #expect(retry.status == .retry && retry.retries == 1 && retry.result == "again")
            #expect(retry.eta == Self.start.addingTimeInterval(1.25 + 2), "the first backoff")
            let fatal = try await TaskQueueTests.record(claimed[2].id, database)
            #expect(fatal.status == .failure && fatal.retries == 0 && fatal.result == "fatal")
        }
    }

    @Test("a finished task can't be finished twice, in one batch or two", arguments: Self.paths)
    func finishOnce(dialect: SchemaDialect, prepared: Bool) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = TestClock(Self.start)
            let queue = Self.queue(database, clock: clock, prepared: prepared)
            for n in 0..<2 { try await queue.enqueue("echo", args: .number(Double(n))) }
            let claimed = try await queue.claim(worker: "w", limit: 2)
            try #require(claimed.count == 2)

            let twice = try await queue.finish(
                [.init(claimed[0], .success("first")), .init(claimed[0], .success("second"))], worker: "w")
            #expect(twice == [claimed[0].id])
            #expect(try await TaskQueueTests.record(claimed[0].id, database).result == "first")

            clock.advance(5)
            let again = try await queue.finish(
                [.init(claimed[0], .failure(TaskError("late"))), .init(claimed[1], .success("b"))], worker: "w")
            #expect(again == [claimed[1].id], "only the task still running is recorded")
            let first = try await TaskQueueTests.record(claimed[0].id, database)
            #expect(first.status == .success && first.result == "first")
            #expect(first.completedAt == Self.start, "its end is not moved")
            #expect(try await queue.finish([], worker: "w").isEmpty)
        }
    }

    @Test("a batch skips the tasks whose lease was taken back and claimed again", arguments: Self.paths)
    func finishAfterLeaseLost(dialect: SchemaDialect, prepared: Bool) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = TestClock(Self.start)
            let queue = Self.queue(database, clock: clock, prepared: prepared, lease: .seconds(10))
            for n in 0..<2 { try await queue.enqueue("echo", args: .number(Double(n))) }
            let lost = try await queue.claim(worker: "old", limit: 2)
            try #require(lost.count == 2)

            clock.advance(11)
            let recovered = try await queue.recoverExpiredLeases { _, _ in true }
            #expect(recovered.map(\.id) == lost.map(\.id), "an expired lease's task is taken back")
            let rerun = try await queue.claim(worker: "new", limit: 1)
            #expect(rerun.map(\.id) == [lost[0].id] && rerun[0].startedAt == Self.start.addingTimeInterval(11))

            let recorded = try await queue.finish(lost.map { .init($0, .success("stale")) }, worker: "old")
            #expect(recorded.isEmpty, "the lost worker records nothing")
            let running = try await TaskQueueTests.record(lost[0].id, database)
            #expect(running.status == .started && running.worker == "new")
            #expect(try await TaskQueueTests.record(lost[1].id, database).status == .retry)

            clock.advance(2)
            #expect(try await queue.finish([.init(rerun[0], .success("fresh"))], worker: "new") == [lost[0].id])
            let done = try await TaskQueueTests.record(lost[0].id, database)
            #expect(done.status == .success && done.result == "fresh" && done.runtimeSeconds == Decimal(2))
        }
    }

    @Test("ends recorded together by a worker's completions are all written", arguments: SchemaDialect.allCases)
    func groupCommit(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let queue = TaskQueueTests.queue(database)
            for n in 0..<40 { try await queue.enqueue("echo", args: .number(Double(n))) }
            let claimed = try await queue.claim(worker: "w", limit: 40)
            try #require(claimed.count == 40)
            let completions = TaskCompletions(queue: queue, worker: "w")

            await withTaskGroup(of: Void.self) { group in
                for task in claimed {
                    group.addTask { await completions.record(.init(task, .success("n\(task.id)"))) }
                }
            }

            let rows = try await TaskRecord.query(on: database.handle.database).all()
            #expect(rows.allSatisfy { $0.status == .success }, "every end written")
            let results = try rows.map { try ($0.requireID(), $0.result) }
            #expect(results.allSatisfy { $0.1 == "n\($0.0)" }, "each with its own result")
        }
    }

    @Test("a claim reads the partial index of waiting rows, not the history", arguments: SchemaDialect.allCases)
    func claimUsesTheWaitingIndex(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let queue = TaskQueueTests.queue(database)
            try await database.sql.raw(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
                INSERT INTO celery_task_history (task_id, task_serial, task_name, status, queue, completed_at)
                SELECT 'done-' || i, 'TASK-done-' || i, 'echo', 'success', 'default', CURRENT_TIMESTAMP FROM n
                """
            ).run()
            for n in 0..<3 { try await queue.enqueue("echo", args: .number(Double(n))) }
            try await database.sql.raw("ANALYZE").run()

            let select: SQLQueryString = """
                SELECT id FROM celery_task_history
                WHERE status IN ('pending', 'retry') AND queue = 'default' AND (eta IS NULL OR eta <= CURRENT_TIMESTAMP)
                ORDER BY id LIMIT 10
                """
            let explain: SQLQueryString = dialect == .postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN "
            let plan = try await database.sql.raw(explain + select).all().map { row in
                try row.decode(column: dialect == .postgres ? "QUERY PLAN" : "detail", as: String.self)
            }.joined(separator: "\n")
            #expect(plan.contains("idx_celery_task_history_waiting"), "plan: \(plan)")
            #expect(try await queue.claim(worker: "w", limit: 10).count == 3)
        }
    }
}
