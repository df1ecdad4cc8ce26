import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation

@testable import DRMEngine

/// A job on two targets whose executions are written with pinned times and outcomes, and finished as the runner
/// finishes them (rollups in the same transaction), without running anything.
struct HistoryWorld {
    let world: JobWorld
    let job: JobDefinition
    /// Targets `a` and `b`.
    let targets: [Int]

    /// 2026-11-02 10:00:00 UTC, the start of an hour.
    static let base = Date(timeIntervalSince1970: 1_793_613_600)

    /// Runs `body` on a fresh `dialect` database; `ssh` servers give the world's other targets (`world.targets`).
    static func with(
        _ dialect: SchemaDialect, ssh: [SSHServer] = [], _ body: (HistoryWorld) async throws -> Void
    ) async throws {
        try await JobWorld.with(dialect, ssh: ssh) { world in
            let inventory = TargetInventory(database: world.db, vault: JobWorld.vault, audit: world.audit)
            var targets: [Int] = []
            for (name, port) in [("a", 22), ("b", 23)] {
                let record = try await inventory.create(
                    TargetDraft(
                        name: name, environment: .testing,
                        methods: [
                            MethodDraft(
                                methodType: "ssh", config: ["host": "127.0.0.1", "port": .number(Double(port))],
                                credential: CredentialInput(type: .password, username: "u", password: "p"))
                        ]))
                targets.append(try record.target.requireID())
            }
            let job = try await world.job("history", [(.command, ["command": "true"], nil)], targets: targets)
            try await body(HistoryWorld(world: world, job: job, targets: targets))
        }
    }

    /// One execution of the job that ended `status` at `base + end` seconds after running `duration` seconds
    /// (never started when `nil`); target `a` ends like the execution, `b` completes in 1 s (or is cancelled with
    /// it when it never started). Returns its id.
    @discardableResult
    func finished(
        _ status: ExecutionStatus, end: TimeInterval, duration: TimeInterval?, branchA: ExecutionStatus? = nil,
        job: JobDefinition? = nil
    ) async throws -> Int {
        let launched = try await world.engine.launcher(world.audit).launch(.init(jobID: (job ?? self.job).id))
        let ended = Self.base.addingTimeInterval(end)
        try await world.db.transaction { db in
            let execution = try require(try await Execution.find(launched.executionID, on: db))
            execution.status = status
            execution.startedAt = duration.map { ended.addingTimeInterval(-$0) }
            execution.completedAt = ended
            try await execution.save(on: db)
            let branches = try await ExecutionBranch.query(on: db).filter(\.$jobExecutionID == launched.executionID)
                .all()
            for branch in branches {
                let isA = branch.targetID == targets[0]
                branch.status = isA ? (branchA ?? status) : (duration == nil ? .cancelled : .completed)
                branch.startedAt = isA ? execution.startedAt : duration.map { _ in ended.addingTimeInterval(-1) }
                branch.completedAt = ended
                try await branch.save(on: db)
            }
            try await TaskRecord.query(on: db).filter(\.$id == launched.taskID).set(\.$status, to: .success)
                .set(\.$completedAt, to: ended).update()
            try await ExecutionRollups.record(executionID: launched.executionID, on: db, now: ended)
        }
        return launched.executionID
    }

    /// An execution of the job that has been running since `base + start` (its task started, its branches running,
    /// a log line at its start).
    func running(since start: TimeInterval) async throws -> Int {
        let launched = try await world.engine.launcher(world.audit).launch(.init(jobID: job.id))
        let started = Self.base.addingTimeInterval(start)
        try await Execution.query(on: world.db).filter(\.$id == launched.executionID).set(\.$status, to: .running)
            .set(\.$startedAt, to: started).update()
        try await ExecutionBranch.query(on: world.db).filter(\.$jobExecutionID == launched.executionID)
            .set(\.$status, to: .running).set(\.$startedAt, to: started).update()
        try await TaskRecord.query(on: world.db).filter(\.$id == launched.taskID).set(\.$status, to: .started)
            .set(\.$startedAt, to: started).update()
        try await ExecutionLog(
            execution: launched.executionID, .creation, .info, .system, "running since long ago", at: started
        ).create(on: world.db)
        return launched.executionID
    }

    /// The standard history: five runs in the first hour, two in the second (see ``ExecutionRollupsTests``).
    func standardHistory() async throws -> [Int] {
        [
            try await finished(.completed, end: 60, duration: 1),
            try await finished(.completed, end: 120, duration: 2),
            try await finished(.failed, end: 180, duration: 3),
            try await finished(.timedOut, end: 240, duration: 10),
            try await finished(.cancelled, end: 300, duration: nil),
            try await finished(.completed, end: 3600 + 60, duration: 5),
            try await finished(.partiallyFailed, end: 3600 + 120, duration: 45, branchA: .failed),
        ]
    }

    func row(_ kind: RollupKind, _ period: RollupPeriod, subject: Int, start: Date) async throws -> PerformanceMetric? {
        try await PerformanceMetric.query(on: world.db).filter(\.$metricType == kind.rawValue)
            .filter(\.$aggregationPeriod == period.rawValue).filter(\.$subjectID == subject)
            .filter(\.$timestamp == start).first()
    }
}
