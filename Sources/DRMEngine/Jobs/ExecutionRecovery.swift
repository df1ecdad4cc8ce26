import DRMCore
import DRMStore
import FluentKit
import Foundation

/// What happens to an execution whose worker was lost (its task's lease expired): nothing it logged is touched;
/// its branches that were running are marked failed with a "worker lost" entry — or queued again when every action
/// of the job is idempotent — and branches that never started wait for the task's next run. When nothing is left
/// to run, the execution gets its final status.
struct ExecutionRecovery: Sendable {
    let audit: AuditTrail
    var now: @Sendable () -> Date = { Date() }

    /// Applies the rule to the execution of `task` in `db`; returns whether the task should run again.
    func workerLost(_ task: TaskQueue.Claimed, on db: any Database) async throws -> Bool {
        guard case .number(let number)? = task.args["execution_id"],
            let execution = try await Execution.find(Int(number), on: db), !execution.status.isTerminal
        else { return false }
        let executionID = try execution.requireID()
        let job = try await JobCatalog.job(execution.jobID, on: db, includingDeleted: true)
        let definition = try await JobCatalog(database: db, audit: audit).definition(of: job, on: db)
        let idempotent = (try? definition.specs())?.allSatisfy(\.policy.idempotent) ?? false
        let canRetry = task.retries < task.maxRetries && execution.cancelRequestedAt == nil
        let now = now()
        let branches = try await ExecutionBranch.query(on: db).filter(\.$jobExecutionID == executionID).all()
        var logs: [ExecutionLog] = []
        for branch in branches where branch.status == .running {
            if idempotent && canRetry {
                try await ActionResult.query(on: db).filter(\.$branchID == branch.requireID()).delete()
                branch.status = .queued
                branch.startedAt = nil
                logs.append(
                    Self.line(
                        executionID, branch.id, .warning,
                        "worker lost while this branch ran; its actions are idempotent, so it runs again", at: now))
            } else {
                branch.status = .failed
                branch.completedAt = now
                branch.resultError = "worker lost while this branch ran"
                logs.append(
                    Self.line(
                        executionID, branch.id, .error,
                        "worker lost while this branch ran; it is marked failed (actions not idempotent)", at: now))
            }
            try await branch.save(on: db)
        }
        let waiting = branches.filter { !$0.status.isTerminal }
        if !waiting.isEmpty, canRetry {
            execution.status = .queued
            logs.append(
                Self.line(
                    executionID, nil, .warning,
                    "worker lost; the execution is queued again for its \(waiting.count) remaining target(s)", at: now))
            try await execution.save(on: db)
            try await logs.create(on: db)
            return true
        }
        for branch in waiting {
            branch.status = execution.cancelRequestedAt == nil ? .failed : .cancelled
            branch.completedAt = now
            branch.resultError = "worker lost before this branch ran"
            try await branch.save(on: db)
        }
        let outcome = ExecutionStatus.outcome(
            of: branches.map(\.status), stoppedBy: execution.cancelRequestedAt == nil ? nil : .cancelled)
        execution.status = outcome
        execution.completedAt = now
        execution.errorMessage = "worker lost"
        logs.append(Self.line(executionID, nil, .error, "worker lost; the execution ends \(outcome.rawValue)", at: now))
        try await execution.save(on: db)
        try await ExecutionRollups.record(executionID: executionID, on: db, now: now)
        try await logs.create(on: db)
        try await audit.record(
            .executionFinished, outcome: .failure, resource: ("execution", String(executionID)),
            details: ["status": .string(outcome.rawValue), "reason": "worker_lost"], on: db)
        return false
    }

    /// A completion-phase log line about the lost worker.
    static func line(_ executionID: Int, _ branchID: Int?, _ level: ExecutionLogLevel, _ message: String, at now: Date)
        -> ExecutionLog
    {
        ExecutionLog(
            execution: executionID, branch: branchID, .completion, level, .system, message,
            details: ["reason": "worker_lost"], at: now)
    }
}
