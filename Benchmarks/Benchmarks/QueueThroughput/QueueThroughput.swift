import Benchmark
import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import SQLKit

/// Tasks enqueued before each iteration; the iteration claims and completes them all.
let tasksPerIteration = 1000
/// What each worker's `claim(limit:)` asks for.
let claimLimit = 10
/// Tasks claimed and completed per second of an iteration.
let tasksPerSecond = BenchmarkMetric.custom("tasks/s", polarity: .prefersLarger, useScalingFactor: false)

/// A benchmark's database and its workers' handles: one connection pool each, like workers in separate processes.
struct Fixture: Sendable {
    let database: TestDatabase
    let workers: [DatabaseHandle]

    static func make(_ dialect: SchemaDialect, workers: Int) async throws -> Fixture {
        let database = try await TestDatabase.migrated(dialect)
        // SQLite has one writer: its single worker shares the benchmark's handle.
        let handles =
            dialect == .sqlite
            ? [database.handle] : try (0..<workers).map { _ in try DatabaseHandle(url: database.url) }
        return Fixture(database: database, workers: handles)
    }

    func close() async {
        for handle in workers where handle !== database.handle { await handle.shutdown() }
        await database.close()
    }

    /// Enqueues the iteration's empty tasks in one transaction.
    func fill() async throws {
        let queue = TaskQueue(database: database.handle.database)
        try await database.handle.database.transaction { db in
            for _ in 0..<tasksPerIteration { try await queue.enqueue("empty", args: .null, on: db) }
        }
    }

    /// Every worker claims and completes tasks until none is left; returns how many were completed.
    func drain() async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, handle) in workers.enumerated() {
                group.addTask {
                    let queue = TaskQueue(database: handle.database)
                    var done = 0
                    while true {
                        let batch = try await queue.claim(worker: "bench-\(index)", limit: claimLimit)
                        if batch.isEmpty { return done }
                        for task in batch {
                            try await queue.finish(task, worker: "bench-\(index)", outcome: .success(nil))
                        }
                        done += batch.count
                    }
                }
            }
            return try await group.reduce(0, +)
        }
    }

    func empty() async throws {
        try await database.sql.raw("DELETE FROM celery_task_history").run()
    }
}

nonisolated(unsafe) var fixtures: [String: Fixture] = [:]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, tasksPerSecond],
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 10
    )
    for (dialect, workers) in [(SchemaDialect.postgres, 1), (.postgres, 4), (.postgres, 16), (.sqlite, 1)] {
        let name = "queue throughput, \(tasksPerIteration) empty tasks, \(workers) worker(s), \(dialect)"
        Benchmark(
            name,
            closure: { benchmark in
                guard let fixture = fixtures[name] else { return }
                try await fixture.fill()
                let began = ContinuousClock.now
                benchmark.startMeasurement()
                let done = try await fixture.drain()
                benchmark.stopMeasurement()
                let elapsed = ContinuousClock.now - began
                precondition(done == tasksPerIteration, "\(done) of \(tasksPerIteration) tasks completed")
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                benchmark.measurement(tasksPerSecond, Int((Double(done) / seconds).rounded()))
                try await fixture.empty()
            },
            setup: { fixtures[name] = try await Fixture.make(dialect, workers: workers) },
            teardown: { await fixtures.removeValue(forKey: name)?.close() }
        )
    }
}
