import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// Rollups are added to as executions finish: after known outcomes and durations, the hour and day rows of the job
/// and of each target hold the exact counts and percentiles.
@Suite(.serialized) struct ExecutionRollupsTests {
    @Test(
        "hour and day rows of a job and its targets hold exact counts and percentiles",
        arguments: SchemaDialect.allCases)
    func exactRows(dialect: SchemaDialect) async throws {
        try await HistoryWorld.with(dialect) { history in
            _ = try await history.standardHistory()
            let base = HistoryWorld.base
            let job = history.job.id

            let first = try require(try await history.row(.jobRuns, .hour, subject: job, start: base))
            #expect(first.count == 5)
            #expect(first.successCount == 2)
            #expect(first.failureCount == 1)
            #expect(first.timedOutCount == 1)
            #expect(first.cancelledCount == 1)
            #expect(first.durationCount == 4)
            #expect(first.p50Duration == 2)
            #expect(first.p95Duration == 10)
            #expect(first.maxDuration == 10)
            #expect(first.minDuration == 1)
            #expect(first.avgDuration == 4)
            #expect(first.jobID == job)
            #expect(first.targetID == nil)

            let second = try require(
                try await history.row(.jobRuns, .hour, subject: job, start: base.addingTimeInterval(3600)))
            #expect(second.count == 2)
            #expect(second.successCount == 1)
            #expect(second.failureCount == 1)
            #expect(second.p50Duration == 5)
            #expect(second.p95Duration == 45)

            let day = try require(
                try await history.row(.jobRuns, .day, subject: job, start: RollupPeriod.day.start(of: base)))
            #expect(day.count == 7)
            #expect(day.successCount == 3)
            #expect(day.failureCount == 2)
            #expect(day.timedOutCount == 1)
            #expect(day.cancelledCount == 1)
            #expect(day.p50Duration == 3)
            #expect(day.p95Duration == 45)
            #expect(day.maxDuration == 45)
            #expect(day.durationSum == 66)

            let a = try require(
                try await history.row(
                    .targetRuns, .day, subject: history.targets[0], start: RollupPeriod.day.start(of: base)))
            #expect(a.count == 7)
            #expect(a.successCount == 3)
            #expect(a.failureCount == 2)
            #expect(a.targetID == history.targets[0])
            let b = try require(
                try await history.row(
                    .targetRuns, .day, subject: history.targets[1], start: RollupPeriod.day.start(of: base)))
            #expect(b.count == 7)
            #expect(b.successCount == 6)
            #expect(b.cancelledCount == 1)
            #expect(b.p50Duration == 1)
            #expect(b.p95Duration == 1)

            let rows = try await PerformanceMetric.query(on: history.world.db).count()
            #expect(rows == 3 * 3, "the job and each target: two hours and one day")
        }
    }

    @Test("an execution that really runs is rolled up once when it finishes", arguments: SchemaDialect.allCases)
    func realRun(dialect: SchemaDialect) async throws {
        let ssh = try await JobRunTests.servers(2)
        defer { ssh.forEach { $0.stop() } }
        try await JobWorld.with(dialect, ssh: ssh) { world in
            let job = try await world.job("echo", [(.command, ["command": "echo ok"], nil)])
            let detail = try await world.run(job)
            #expect(detail.summary.status == .completed)

            let rows = try await PerformanceMetric.query(on: world.db).filter(\.$metricType == "job_runs").all()
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { $0.count == 1 && $0.successCount == 1 && $0.durationCount == 1 })
            let targets = try await PerformanceMetric.query(on: world.db).filter(\.$metricType == "target_runs")
                .filter(\.$aggregationPeriod == "day").all()
            #expect(Set(targets.map(\.subjectID)) == Set(world.targets))
        }
    }
}
