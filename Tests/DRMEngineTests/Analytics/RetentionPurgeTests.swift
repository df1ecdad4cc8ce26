import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// Retention deletes exactly what the policy says — while executions run — keeps the minimum per job and the
/// pins, and leaves running executions, their logs and their tasks untouched; the rollups stay.
@Suite(.serialized) struct RetentionPurgeTests {
    static let policy = RetentionPolicy(
        days: [.executionLogs: 30, .executions: 90, .taskHistory: 30, .healthSnapshots: 14, .auditEvents: 365],
        keptPerJob: 2)
    /// 100 days after the history.
    static let purgeTime = HistoryWorld.base.addingTimeInterval(100 * 86400)

    @Test("a purge while executions run deletes exactly what the policy says", arguments: SchemaDialect.allCases)
    func purge(dialect: SchemaDialect) async throws {
        let ssh = try await JobRunTests.servers(1)
        defer { ssh.forEach { $0.stop() } }
        let marker = FileManager.default.temporaryDirectory.appending(path: "retention-go-\(UUID())").path
        try await HistoryWorld.with(dialect, ssh: ssh) { history in
            let db = history.world.db
            // Arrange: five finished runs of one job 100 days ago (the second pinned), one still running since then,
            // one old run of another job, old and recent audit events, snapshots and tasks.
            let old = [
                try await history.finished(.completed, end: 60, duration: 1),
                try await history.finished(.failed, end: 120, duration: 2),
                try await history.finished(.completed, end: 180, duration: 3),
                try await history.finished(.completed, end: 240, duration: 4),
                try await history.finished(.completed, end: 300, duration: 5),
            ]
            try await Execution.query(on: db).filter(\.$id == old[1]).set(\.$pinnedAt, to: Date()).update()
            let stale = try await history.running(since: 30)
            let other = try await history.world.job(
                "other", [(.command, ["command": "true"], nil)], targets: history.targets)
            let lone = try await history.finished(.completed, end: 400, duration: 1, job: other)
            try await Self.audit(at: Self.purgeTime.addingTimeInterval(-400 * 86400), on: db)
            try await Self.audit(at: Self.purgeTime.addingTimeInterval(-300 * 86400), on: db)
            try await Self.snapshot(at: Self.purgeTime.addingTimeInterval(-15 * 86400), on: db)
            try await Self.snapshot(at: Self.purgeTime.addingTimeInterval(-13 * 86400), on: db)
            // A real execution runs on sshd during the purge; it waits for the marker file to end.
            let wait = "echo started; while [ ! -f \(marker) ]; do sleep 0.1; done; echo done"
            let live = try await history.world.job("live", [(.command, ["command": .string(wait)], nil)])
            let launched = try await history.world.engine.launcher(history.world.audit).launch(.init(jobID: live.id))
            let running = Task { try await history.world.runQueued(launched) }
            let started = try await waitUntil {
                try await history.world.logs(launched.executionID).contains { $0.message.contains("started") }
            }
            try #require(started, "the live execution runs")
            let logsOf = { (id: Int) in
                try await ExecutionLog.query(on: db).filter(\.$jobExecutionID == id).count()
            }
            let expectedLogs = try await ExecutionLog.query(on: db)
                .filter(\.$jobExecutionID ~~ [old[0], old[2], old[3], old[4], lone]).count()
            let pinnedLogs = try await logsOf(old[1])
            let liveLogs = try await logsOf(launched.executionID)
            let staleLogs = try await logsOf(stale)
            let rollups = try await PerformanceMetric.query(on: db).count()
            let auditBefore = try await AuditEvent.query(on: db).count()
            var purge = RetentionPurge(database: db, now: { Self.purgeTime })
            purge.batchSize = 2

            // Act: a dry run, then the purge.
            let plan = try await purge.plan(Self.policy)
            #expect(try await Execution.query(on: db).count() == 8, "the dry run deletes nothing")
            let done = try await purge.run(Self.policy, audit: AuditTrail(.cli, now: { Self.purgeTime }))

            // Assert
            let rows = Dictionary(uniqueKeysWithValues: done.map { ($0.kind, $0.rows) })
            #expect(rows[.executions] == 2, "the oldest unpinned runs beyond the two newest of the job")
            #expect(rows[.executionLogs] == expectedLogs)
            #expect(rows[.auditEvents] == 1)
            #expect(rows[.healthSnapshots] == 1)
            #expect(rows[.taskHistory] == 6, "the tasks of the six finished runs; the running ones stay")
            #expect(plan.map(\.rows) == done.map(\.rows), "the dry run counted what the purge deleted")
            #expect(done.allSatisfy { $0.rows == 0 || $0.bytes > 0 })
            let left = Set(try await Execution.query(on: db).all().map { try $0.requireID() })
            #expect(left == Set([old[1], old[3], old[4], stale, lone, launched.executionID]))
            #expect(try await logsOf(old[1]) == pinnedLogs, "a pinned execution keeps its logs")
            #expect(try await logsOf(stale) == staleLogs, "a running execution keeps its logs")
            #expect(try await logsOf(launched.executionID) >= liveLogs)
            #expect(try await ExecutionBranch.query(on: db).filter(\.$jobExecutionID == stale).count() == 2)
            #expect(try await ExecutionBranch.query(on: db).filter(\.$jobExecutionID ~~ [old[0], old[2]]).count() == 0)
            #expect(try await PerformanceMetric.query(on: db).count() == rollups, "rollups are never deleted")
            let purged = try await AuditEvent.query(on: db).filter(\.$action == AuditAction.retentionPurged.rawValue)
                .all()
            #expect(purged.count == 1)
            #expect(try await AuditEvent.query(on: db).count() == auditBefore - 1 + 1)

            FileManager.default.createFile(atPath: marker, contents: Data())
            try await running.value
            let detail = try await history.world.engine.query.detail(launched.executionID)
            #expect(detail.summary.status == .completed, "the purge didn't disturb the live execution")
            #expect(try await history.world.logs(launched.executionID).contains { $0.message.contains("done") })
        }
        try? FileManager.default.removeItem(atPath: marker)
    }

    static func audit(at time: Date, on db: any Database) async throws {
        try await AuditTrail(.cli, now: { time }).record(.settingsUpdated, on: db)
    }

    static func snapshot(at time: Date, on db: any Database) async throws {
        let snapshot = HealthSnapshot()
        snapshot.timestamp = time
        try await snapshot.create(on: db)
    }
}
