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
        let note = { (branch: ExecutionBranch?, level: ExecutionLogLevel, message: String) -> ExecutionLog in
            Self.log(execution: executionID, branch: branch?.id, level: level, message: message, at: now)
        }
        // Each running branch is settled by its own method: with the loop body inline, Swift 6.3.1's optimizer
        // (CopyPropagation, release builds) crashed on this function ("Found a leak due to a consuming
        // post-dominance failure").
        for branch in branches.filter({ $0.status == .running }) {
            logs.append(try await settle(branch, again: idempotent && canRetry, at: now, on: db))
        }
        let waiting = branches.filter { !$0.status.isTerminal }
        if !waiting.isEmpty, canRetry {
            execution.status = .queued
            logs.append(
                note(
                    nil, .warning,
                    "worker lost; the execution is queued again for its \(waiting.count) remaining target(s)"))
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
        logs.append(note(nil, .error, "worker lost; the execution ends \(outcome.rawValue)"))
        try await execution.save(on: db)
        try await logs.create(on: db)
        try await audit.record(
            .executionFinished, outcome: .failure, resource: ("execution", String(executionID)),
            details: ["status": .string(outcome.rawValue), "reason": "worker_lost"], on: db)
        return false
    }

    /// A completion-phase system entry about the lost worker.
    static func log(execution: Int, branch: Int?, level: ExecutionLogLevel, message: String, at time: Date)
        -> ExecutionLog
    {
        let log = ExecutionLog()
        log.jobExecutionID = execution
        log.branchID = branch
        log.logPhase = .completion
        log.logLevel = level
        log.logCategory = .system
        log.logMessage = message
        log.logDetails = ["reason": "worker_lost"]
        log.timestamp = time
        return log
    }

    /// Queues a branch that was running again (its results dropped) or marks it failed; returns the log entry.
    func settle(_ branch: ExecutionBranch, again: Bool, at now: Date, on db: any Database) async throws
        -> ExecutionLog
    {
        let message: String
        if again {
            let branchID = try branch.requireID()
            try await ActionResult.query(on: db).filter(\.$branchID == branchID).delete()
            branch.status = .queued
            branch.startedAt = nil
            message = "worker lost while this branch ran; its actions are idempotent, so it runs again"
        } else {
            branch.status = .failed
            branch.completedAt = now
            branch.resultError = "worker lost while this branch ran"
            message = "worker lost while this branch ran; it is marked failed (actions not idempotent)"
        }
        try await branch.save(on: db)
        return Self.log(
            execution: branch.jobExecutionID, branch: branch.id, level: again ? .warning : .error, message: message,
            at: now)
    }
}
