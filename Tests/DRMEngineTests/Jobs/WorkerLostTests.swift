import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// A worker that dies mid-run: its lease expires, a sweeper takes the task back, and nothing stays running.
@Suite(.serialized) struct WorkerLostTests {
    /// Claims the execution's task as a worker that then "dies", with two branches running and a line logged.
    static func crash(_ world: JobWorld, job: JobDefinition) async throws -> ExecutionLauncher.Launched {
        let launched = try await world.engine.launcher(world.audit).launch(.init(jobID: job.id))
        var queue = world.engine.queue
        queue.lease = .milliseconds(200)
        _ = try require(try await queue.claim(id: launched.taskID, worker: "ghost"))
        let branches = try await ExecutionBranch.query(on: world.db).filter(\.$jobExecutionID == launched.executionID)
            .sort(\.$id).all()
        for branch in branches.prefix(2) {
            branch.status = .running
            branch.startedAt = Date()
            try await branch.save(on: world.db)
        }
        let line = ExecutionLog()
        line.jobExecutionID = launched.executionID
        line.branchID = branches[0].id
        line.logPhase = .actionExecution
        line.logLevel = .info
        line.logCategory = .commandExecution
        line.logMessage = "logged before the crash"
        line.timestamp = Date()
        try await line.create(on: world.db)
        let expired = try await waitUntil {
            let lease = try await TaskRecord.find(launched.taskID, on: world.db)?.leaseExpiresAt
            return lease.map { $0 < Date() } ?? false
        }
        try #require(expired, "the ghost's lease expires")
        return launched
    }

    static func sweep(_ world: JobWorld) async throws -> [TaskQueue.Claimed] {
        let handler = try require(world.engine.handlers()[ExecutionLauncher.taskName])
        return try await world.engine.queue.recoverExpiredLeases { task, db in try await handler.workerLost(task, db) }
    }

    @Test(
        "running branches fail with a worker-lost entry; the rest run on the next claim",
        arguments: SchemaDialect.allCases)
    func notIdempotent(dialect: SchemaDialect) async throws {
        let ssh = try await JobRunTests.servers(4)
        defer { ssh.forEach { $0.stop() } }
        try await JobWorld.with(dialect, ssh: ssh) { world in
            let job = try await world.job("once only", [(.command, ["command": "echo ok"], nil)])
            let launched = try await Self.crash(world, job: job)

            let recovered = try await Self.sweep(world)

            #expect(recovered.map(\.id) == [launched.taskID])
            let task = try require(try await TaskRecord.find(launched.taskID, on: world.db))
            #expect(task.status == .retry)
            #expect(task.result?.contains("worker ghost was lost") == true)
            var detail = try await world.engine.query.detail(launched.executionID)
            #expect(detail.branches.map(\.status) == [.failed, .failed, .queued, .queued])
            #expect(detail.summary.status == .queued)
            try await world.runQueued(launched)
            detail = try await world.engine.query.detail(launched.executionID)
            #expect(detail.summary.status == .partiallyFailed)
            #expect(detail.branches.map(\.status) == [.failed, .failed, .completed, .completed])
            let logs = try await world.logs(launched.executionID)
            #expect(
                logs.contains { $0.message == "logged before the crash" }, "nothing logged before the crash is lost")
            #expect(logs.filter { $0.level == .error && $0.message.hasPrefix("worker lost") }.count == 2)
        }
    }

    @Test("idempotent branches run again; a task out of retries fails what is left", arguments: SchemaDialect.allCases)
    func idempotent(dialect: SchemaDialect) async throws {
        let ssh = try await JobRunTests.servers(4)
        defer { ssh.forEach { $0.stop() } }
        try await JobWorld.with(dialect, ssh: ssh) { world in
            let job = try await world.job("repeatable", [(.command, ["command": "echo ok"], ["idempotent": true])])
            let launched = try await Self.crash(world, job: job)

            _ = try await Self.sweep(world)
            try await world.runQueued(launched)

            let detail = try await world.engine.query.detail(launched.executionID)
            #expect(detail.summary.status == .completed)
            #expect(Set(detail.branches.map(\.status)) == [.completed])
            let results = try await world.engine.query.results(executionID: launched.executionID)
            #expect(results.count == 4, "one result per branch: the lost attempt's partial results were replaced")

            let other = try await world.job("out of retries", [(.command, ["command": "echo ok"], nil)])
            let lost = try await Self.crash(world, job: other)
            try await TaskRecord.query(on: world.db).filter(\.$id == lost.taskID).set(\.$retries, to: 3).update()
            _ = try await Self.sweep(world)
            let ended = try await world.engine.query.detail(lost.executionID)
            #expect(ended.summary.status == .failed)
            #expect(Set(ended.branches.map(\.status)) == [.failed])
            #expect(try await TaskRecord.find(lost.taskID, on: world.db)?.status == .failure)
        }
    }
}

/// `max_concurrent_jobs`: an execution that would pass it waits in the queue.
@Suite struct ConcurrencyLimitTests {
    @Test("an execution over max_concurrent_jobs goes back to the queue without counting a retry")
    func deferred() async throws {
        let ssh = try await JobRunTests.servers(1)
        defer { ssh.forEach { $0.stop() } }
        try await JobWorld.with(.sqlite, ssh: ssh) { world in
            _ = try await SystemSettings(database: world.db).update(["max_concurrent_jobs": 1], audit: world.audit)
            let job = try await world.job("limited", [(.command, ["command": "echo ok"], nil)])
            let first = try await world.engine.launcher(world.audit).launch(.init(jobID: job.id))
            try await Execution.query(on: world.db).filter(\.$id == first.executionID).set(\.$status, to: .running)
                .update()
            let second = try await world.engine.launcher(world.audit).launch(.init(jobID: job.id))

            let task = try require(try await world.engine.queue.claim(id: second.taskID, worker: "test"))
            await world.engine.queue.hold(task, worker: "test") { try await world.engine.execute(task) }

            let record = try require(try await TaskRecord.find(second.taskID, on: world.db))
            #expect(record.status == .pending)
            #expect(record.retries == 0)
            #expect((record.eta ?? .distantPast) > Date())
            #expect(try await Execution.find(second.executionID, on: world.db)?.status == .queued)
            #expect(try await world.engine.queue.claim(id: second.taskID, worker: "test") == nil, "not due yet")
        }
    }
}
