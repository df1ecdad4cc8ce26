import Benchmark
import DRMCore
import DRMEngine
import Foundation

/// The cost of one `/metrics` scrape's body (goal: p99 ≤ 5 ms, body ≤ 64 KB): `EngineMetrics.exposition()` over a
/// registry filled as a busy node's would be — every execution, branch and action outcome, every queue and log-in
/// counter, 150 route templates × 3 status classes of HTTP requests, and every histogram observed. The body's size
/// is printed once. (No database is involved: a scrape reads only memory.)
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        maxDuration: .seconds(10)
    )
    let metrics = EngineMetrics()
    let terminal = ExecutionStatus.allCases.filter(\.isTerminal)
    for (index, outcome) in terminal.enumerated() {
        for _ in 0...index { metrics.executionFinished(outcome, seconds: Double(index) * 7.5) }
        metrics.branchFinished(outcome, seconds: Double(index) * 2.5)
        for type in ActionType.allCases { metrics.actionFinished(type, outcome) }
    }
    for route in 0..<150 {
        for status in [200, 404, 500] {
            metrics.httpRequest(
                route: "/api/v1/area\(route / 10)/:id/part\(route % 10)", method: route % 3 == 0 ? "POST" : "GET",
                status: status, seconds: 0.004)
        }
    }
    for status in ScheduleExecutionStatus.allCases { metrics.scheduleOccurrences(status, count: 3) }
    for outcome in LoginOutcome.allCases { metrics.login(outcome) }
    metrics.tasksClaimed(100)
    metrics.taskFinished(failed: false, retried: false)
    metrics.taskFinished(failed: true, retried: true)
    metrics.tasksLost(1)
    metrics.sshConnected(seconds: 0.08)
    metrics.executionStarted(waited: 0.3)
    metrics.scheduleLaunched(lateBy: 0.02)
    metrics.setLeader(true)
    metrics.setSampled(
        QueueSample(depth: 12, oldestPendingSeconds: 3, runningExecutions: 4, liveWorkers: 3), at: Date())
    let size = metrics.exposition().count
    FileHandle.standardError.write(
        Data("metrics body: \(size) bytes (\(String(format: "%.1f", Double(size) / 1024)) KB)\n".utf8))

    Benchmark("scrape: the exposition of a busy node's registry") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(metrics.exposition())
        }
    }
}
