import Benchmark
import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import SQLKit

/// What each worker's `claim(limit:)` asks for.
let claimLimit = 10
/// Tasks claimed and completed per second of an iteration.
let tasksPerSecond = BenchmarkMetric.custom("tasks/s", polarity: .prefersLarger, useScalingFactor: false)
/// CPU time of the whole machine (every core, every process) per task drained, in microseconds.
let machineCPU = BenchmarkMetric.custom("machine CPU µs/task", polarity: .prefersSmaller, useScalingFactor: false)
/// CPU time of the benchmark process and of the PostgreSQL cluster's processes per task, in microseconds: the
/// queue's own cost, without the other work of a shared machine.
let queueCPU = BenchmarkMetric.custom("queue CPU µs/task", polarity: .prefersSmaller, useScalingFactor: false)
/// The 1-minute load average when the iteration started, times 100.
let loadAverage = BenchmarkMetric.custom("load avg ×100", polarity: .prefersSmaller, useScalingFactor: false)

/// One benchmark: where, how many workers and tasks, how much history under them, and which claim/finish path.
struct Variant: Sendable {
    enum Path: String, Sendable {
        /// Batched claim and finish, prepared statements on PostgreSQL.
        case current
        /// The same, without prepared statements.
        case unprepared
        /// What main did before issue 19: a probe SELECT per claim, a SELECT and an UPDATE per finished task, and
        /// the ten indexes of migration 0005.
        case before
    }

    var dialect: SchemaDialect
    var workers: Int
    var tasks: Int
    var history = 0
    /// Statistics taken while the iteration's tasks wait (always with history). Without, they are whatever
    /// autovacuum last saw, often the empty table, and PostgreSQL then sorts every waiting row on each claim.
    var analyze = false
    var path = Path.current

    var name: String {
        var text = "queue, \(tasks) tasks, \(workers) worker(s), \(dialect)"
        if history > 0 { text += ", on \(history) finished" } else if analyze { text += ", analyzed" }
        if path != .current { text += ", \(path.rawValue)" }
        return text
    }
}

/// A benchmark's database and its workers' handles: one connection pool each, like workers in separate processes.
struct Fixture: Sendable {
    let variant: Variant
    let database: TestDatabase
    let workers: [DatabaseHandle]

    static func make(_ variant: Variant) async throws -> Fixture {
        let database = try await TestDatabase.migrated(variant.dialect)
        // SQLite has one writer: its single worker shares the benchmark's handle.
        let handles =
            variant.dialect == .sqlite
            ? [database.handle] : try (0..<variant.workers).map { _ in try DatabaseHandle(url: database.url) }
        let fixture = Fixture(variant: variant, database: database, workers: handles)
        if variant.path == .before { try await fixture.restoreIndexesOfMigration0005() }
        if variant.history > 0 { try await fixture.insert(variant.history, status: "success", name: "history") }
        return fixture
    }

    func close() async {
        for handle in workers where handle !== database.handle { await handle.shutdown() }
        await database.close()
    }

    /// `count` tasks of `name` in one statement (enqueueing is not what is measured).
    func insert(_ count: Int, status: String, name: String) async throws {
        let finished: SQLQueryString = status == "pending" ? "NULL" : "CURRENT_TIMESTAMP"
        try await database.sql.raw(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(unsafeRaw: String(count)))
            INSERT INTO celery_task_history (task_id, task_serial, task_name, status, args, retries, max_retries, queue,
                started_at, completed_at)
            SELECT '\(unsafeRaw: name)-' || \(unsafeRaw: Self.uniqueSuffix) || '-' || i,
                'TASK-\(unsafeRaw: name)-' || \(unsafeRaw: Self.uniqueSuffix) || '-' || i, '\(unsafeRaw: name)',
                '\(unsafeRaw: status)', NULL, 0, 3, 'default', \(finished), \(finished)
            FROM n
            """
        ).run()
    }

    /// Differs per call, so that the task ids of successive fills never collide.
    static var uniqueSuffix: String { "'\(UUID().uuidString.prefix(8).lowercased())'" }

    /// The iteration's empty tasks; with history, statistics are taken while they wait (the case that made
    /// PostgreSQL walk the primary key past every finished row).
    func fill() async throws {
        try await insert(variant.tasks, status: "pending", name: "empty")
        if variant.history > 0 || variant.analyze {
            try await database.sql.raw("ANALYZE celery_task_history").run()
        }
    }

    /// Every worker claims and completes tasks until none is left; returns how many were completed.
    func drain() async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, handle) in workers.enumerated() {
                group.addTask {
                    var queue = TaskQueue(database: handle.database)
                    queue.preparedStatements = variant.path == .current
                    let worker = "bench-\(index)"
                    var done = 0
                    while true {
                        let count =
                            variant.path == .before
                            ? try await LegacyStatements(queue: queue).claimAndFinish(worker: worker)
                            : try await claimAndFinish(queue, worker: worker)
                        if count == 0 { return done }
                        done += count
                    }
                }
            }
            return try await group.reduce(0, +)
        }
    }

    func claimAndFinish(_ queue: TaskQueue, worker: String) async throws -> Int {
        let batch = try await queue.claim(worker: worker, limit: claimLimit)
        guard !batch.isEmpty else { return 0 }
        try await queue.finish(batch.map { .init($0, .success(nil)) }, worker: worker)
        return batch.count
    }

    /// Removes the iteration's tasks; the history stays.
    func empty() async throws {
        try await database.sql.raw("DELETE FROM celery_task_history WHERE task_name = 'empty'").run()
    }

    func restoreIndexesOfMigration0005() async throws {
        for statement in [
            "DROP INDEX idx_celery_task_history_waiting", "DROP INDEX idx_celery_task_history_leased",
            "CREATE INDEX idx_celery_task_history_queue ON celery_task_history (queue)",
            "CREATE INDEX idx_celery_task_history_started_at ON celery_task_history (started_at)",
            "CREATE INDEX idx_celery_task_history_status ON celery_task_history (status)",
            "CREATE INDEX idx_celery_task_history_task_name ON celery_task_history (task_name)",
            "CREATE INDEX idx_celery_task_history_worker ON celery_task_history (worker)",
            "CREATE INDEX idx_celery_task_history_claim ON celery_task_history (status, eta)",
        ] {
            try await database.sql.raw(SQLQueryString(statement)).run()
        }
    }
}

nonisolated(unsafe) var fixtures: [String: Fixture] = [:]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, tasksPerSecond, machineCPU, queueCPU, loadAverage],
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 10
    )
    var variants: [Variant] = []
    for tasks in [1000, 10_000] {
        for workers in [1, 4, 16] { variants.append(Variant(dialect: .postgres, workers: workers, tasks: tasks)) }
    }
    variants += [
        Variant(dialect: .sqlite, workers: 1, tasks: 1000),
        Variant(dialect: .postgres, workers: 4, tasks: 10_000, history: 1_000_000),
        Variant(dialect: .postgres, workers: 4, tasks: 10_000, analyze: true),
        Variant(dialect: .postgres, workers: 1, tasks: 10_000, analyze: true),
        Variant(dialect: .postgres, workers: 4, tasks: 1000, path: .unprepared),
        Variant(dialect: .postgres, workers: 4, tasks: 1000, path: .before),
        Variant(dialect: .postgres, workers: 1, tasks: 1000, path: .unprepared),
        Variant(dialect: .postgres, workers: 1, tasks: 1000, path: .before),
    ]
    for variant in variants {
        let name = variant.name
        var configuration = Benchmark.defaultConfiguration
        if variant.tasks >= 10_000 {
            configuration.maxDuration = .seconds(60)
            configuration.maxIterations = 5
        }
        Benchmark(
            name, configuration: configuration,
            closure: { benchmark in
                guard let fixture = fixtures[name] else { return }
                try await fixture.fill()
                let load = CPUSample.loadAverage()
                let before = try await CPUSample.take(cluster: fixture.database)
                let began = ContinuousClock.now
                benchmark.startMeasurement()
                let done = try await fixture.drain()
                benchmark.stopMeasurement()
                let elapsed = ContinuousClock.now - began
                let after = try await CPUSample.take(cluster: fixture.database)
                precondition(done == variant.tasks, "\(done) of \(variant.tasks) tasks completed")
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                benchmark.measurement(tasksPerSecond, Int((Double(done) / seconds).rounded()))
                benchmark.measurement(machineCPU, Int(after.machine - before.machine) / done)
                benchmark.measurement(queueCPU, Int(after.queue - before.queue) / done)
                benchmark.measurement(loadAverage, Int((load * 100).rounded()))
                try await fixture.empty()
            },
            setup: { fixtures[name] = try await Fixture.make(variant) },
            teardown: { await fixtures.removeValue(forKey: name)?.close() }
        )
    }
}
