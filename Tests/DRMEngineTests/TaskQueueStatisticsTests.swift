import DRMCore
import DRMTestSupport
import Foundation
import SQLKit
import Testing

@testable import DRMEngine
@testable import DRMSchema

/// Issue 19: a backlog PostgreSQL's statistics don't know (a fresh table, or a burst on top of finished tasks) made
/// each claim read and sort every waiting row. A full claim now has the queue check the statistics and analyse the
/// table; migration 0017 gives the table autovacuum thresholds that don't grow with its history.
@Suite struct TaskQueueStatisticsTests {
    /// `count` waiting tasks in one statement, as a producer that bypasses `enqueue` would add them.
    static func fill(_ count: Int, _ sql: any SQLDatabase, name: String = "burst") async throws {
        try await sql.raw(
            """
            INSERT INTO celery_task_history (task_id, task_serial, task_name, status, retries, max_retries, queue)
            SELECT \(bind: name) || '-' || g, 'TASK-' || \(bind: name) || '-' || g, \(bind: name), 'pending', 0, 3,
                'default'
            FROM generate_series(1, \(unsafeRaw: String(count))) AS g
            """
        ).run()
    }

    /// How many times the table was analysed by a statement (autovacuum's analyses are counted apart).
    static func analyses(_ sql: any SQLDatabase) async throws -> Int {
        let row = try await sql.raw(
            "SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'celery_task_history'"
        ).first()
        return try row?.decode(column: "analyze_count", as: Int.self) ?? 0
    }

    /// The plan of the claim's read of the waiting rows.
    static func claimPlan(_ sql: any SQLDatabase) async throws -> String {
        try await sql.raw(
            """
            EXPLAIN SELECT id FROM celery_task_history
            WHERE status IN ('pending', 'retry') AND queue = 'default' AND (eta IS NULL OR eta <= now())
            ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED
            """
        ).all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
    }

    @Test("a full claim on a backlog the statistics don't know analyses the table, and claims then use the index")
    func analysesAnUnknownBacklog() async throws {
        try await TestDatabase.with(.postgres) { database in
            let sql = database.sql
            try await Self.fill(3000, sql)
            let queue = TaskQueueTests.queue(database)
            #expect(try await Self.analyses(sql) == 0)

            let claimed = try await queue.claim(worker: "w", limit: 10)
            #expect(claimed.count == 10)

            #expect(try await Self.analyses(sql) == 1, "the claim came back full on an unknown backlog")
            let (waiting, expected) = try await queue.waitingRows(sql)
            #expect(waiting == 2990)
            #expect(expected * 2 >= waiting, "the planner now knows the backlog (expects \(expected))")
            let plan = try await Self.claimPlan(sql)
            #expect(plan.contains("Index Scan using idx_celery_task_history_waiting"), "\(plan)")
            #expect(!plan.contains("Sort"), "the waiting rows are taken in the index's order, not sorted: \(plan)")

            #expect(try await queue.claim(worker: "w", limit: 10).count == 10)
            #expect(try await Self.analyses(sql) == 1, "at most one look per interval")
        }
    }

    @Test("no ANALYZE for a small backlog, a claim that isn't full, or with the check turned off")
    func leavesTheStatisticsAlone() async throws {
        try await TestDatabase.with(.postgres) { database in
            let sql = database.sql
            try await Self.fill(500, sql, name: "small")
            var queue = TaskQueueTests.queue(database)
            #expect(try await queue.claim(worker: "w", limit: 10).count == 10)
            #expect(try await Self.analyses(sql) == 0, "500 waiting tasks are below the backlog worth an ANALYZE")

            try await Self.fill(3000, sql, name: "large")
            queue = TaskQueueTests.queue(database)
            #expect(try await queue.claim(worker: "w", limit: 5000).count == 3490)
            #expect(try await Self.analyses(sql) == 0, "a claim that took everything left found no backlog")

            try await Self.fill(3000, sql, name: "off")
            queue = TaskQueueTests.queue(database)
            queue.statisticsInterval = .zero
            #expect(try await queue.claim(worker: "w", limit: 10).count == 10)
            #expect(try await Self.analyses(sql) == 0, "turned off")
        }
    }

    @Test("the planner's estimate is read from EXPLAIN's first line")
    func estimatedRows() {
        #expect(
            TaskQueue.estimatedRows(
                inPlanLine: "Bitmap Heap Scan on celery_task_history  (cost=4.29..18.37 rows=12 width=10)") == 12)
        #expect(TaskQueue.estimatedRows(inPlanLine: "Result  (cost=0.00..0.01 rows=1 width=4)") == 1)
        #expect(TaskQueue.estimatedRows(inPlanLine: "no estimate") == nil)
    }

    @Test("migration 0017 gives the queue's table fixed autovacuum thresholds on PostgreSQL, and nothing on SQLite")
    func autovacuumThresholds() async throws {
        try await TestDatabase.with(.postgres) { database in
            let row = try await database.sql.raw(
                "SELECT array_to_string(reloptions, ',') AS options FROM pg_class WHERE relname = 'celery_task_history'"
            ).first()
            let options = try row?.decode(column: "options", as: String?.self) ?? ""
            #expect(
                Set(options.split(separator: ",").map(String.init)) == [
                    "autovacuum_analyze_scale_factor=0", "autovacuum_analyze_threshold=1000",
                    "autovacuum_vacuum_scale_factor=0.01", "autovacuum_vacuum_threshold=1000",
                ])
        }
        let statements = try Migrator.render(
            Migration.m0017.up, from: try MigrationChain.enableDRM.schema(at: "0010"), dialect: .sqlite
        ).statements
        #expect(statements.isEmpty)
    }
}
