import DRMCore
import DRMStore
import FluentKit
import Foundation
import SQLKit

extension JobEngine {
    /// Asks an execution to stop. A queued one ends as cancelled at once; a running one is stopped by the worker
    /// that runs it (within its poll interval). Audited.
    public func cancel(executionID: Int, audit: AuditTrail) async throws -> ExecutionSummary {
        try await database.transaction { db in
            guard let execution = try await Execution.find(executionID, on: db) else {
                throw JobError.notFound("execution \(executionID)")
            }
            guard !execution.status.isTerminal else {
                throw JobError.conflict(
                    field: nil,
                    message: "execution \(execution.executionSerial) already ended \(execution.status.rawValue)")
            }
            let now = now()
            execution.cancelRequestedAt = execution.cancelRequestedAt ?? now
            if execution.status == .queued, try await revokeTask(of: executionID, on: db) {
                execution.status = .cancelled
                execution.completedAt = now
                try await ExecutionBranch.query(on: db).filter(\.$jobExecutionID == executionID)
                    .filter(\.$status ~~ [.queued, .scheduled]).set(\.$status, to: .cancelled)
                    .set(\.$completedAt, to: now).update()
            }
            try await execution.save(on: db)
            if execution.status.isTerminal {
                try await ExecutionRollups.record(executionID: executionID, on: db, now: now)
            }
            try await ExecutionLog(
                execution: executionID, .completion, .warning, .system,
                "cancel requested by \(audit.context.actorName)", at: now
            ).create(on: db)
            try await audit.record(
                .executionCancelled, resource: ("execution", String(executionID)),
                details: ["serial": .string(execution.executionSerial)], on: db)
        }
        return try await query.summary(executionID)
    }

    /// Marks the waiting task of an execution revoked; false when a worker has claimed it already.
    func revokeTask(of executionID: Int, on db: any Database) async throws -> Bool {
        let waiting = try await TaskRecord.query(on: db).filter(\.$taskName == ExecutionLauncher.taskName)
            .filter(\.$status ~~ [.pending, .retry]).all()
        guard let task = waiting.first(where: { $0.args?["execution_id"] == .number(Double(executionID)) }) else {
            return false
        }
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw(
            """
            UPDATE celery_task_history SET status = 'revoked', completed_at = \(bind: now())
            WHERE id = \(bind: try task.requireID()) AND status IN ('pending', 'retry') RETURNING id
            """
        ).all()
        return !rows.isEmpty
    }

    /// Runs an execution's job again on the targets that didn't complete.
    public func rerunFailed(executionID: Int, audit: AuditTrail, by userID: Int?) async throws
        -> ExecutionLauncher.Launched
    {
        guard let execution = try await Execution.find(executionID, on: database) else {
            throw JobError.notFound("execution \(executionID)")
        }
        guard execution.status.isTerminal else {
            throw JobError.conflict(field: nil, message: "execution \(execution.executionSerial) is still running")
        }
        let failed = try await ExecutionBranch.query(on: database).filter(\.$jobExecutionID == executionID)
            .filter(\.$status != .completed).sort(\.$id).all().map(\.targetID)
        guard !failed.isEmpty else {
            throw JobError.conflict(field: nil, message: "every target of \(execution.executionSerial) completed")
        }
        let given = execution.parameters?.objectValue ?? [:]
        var request = ExecutionLauncher.Request(
            jobID: execution.jobID, parameters: given, targetIDs: failed, trigger: "rerun", triggeredBy: userID)
        request.rerunOf = executionID
        return try await launcher(audit).launch(request)
    }

    /// Queues one shell command on the targets it selects as an ad-hoc job (listed with executions, not with
    /// jobs), after checking its rules: what the API, the UI and `enabledrm run` all call.
    public func runCommand(_ request: AdhocCommand, audit: AuditTrail, by userID: Int) async throws
        -> ExecutionLauncher.Launched
    {
        let filter = try request.check()
        let ids: [Int]
        if let given = request.targetIDs {
            ids = given
        } else {
            ids = try await TargetInventory(database: database, vault: vault, audit: audit)
                .select(filter, activeOnly: true)
        }
        guard !ids.isEmpty else { throw JobError.invalid(field: "target_ids", message: "no active target is selected") }
        let command = request.command
        let name = "ad-hoc: " + String(command.prefix(200)).replacing("\n", with: " ")
        let draft = JobDraft(
            name: name,
            actions: [
                .init(
                    type: .command, name: "command", parameters: ["command": .string(command)],
                    config: ["timeout_seconds": .number(Double(request.timeoutSeconds))])
            ],
            targetFilter: request.filter, parallelism: request.parallelism)
        let job = try await catalog(audit).create(draft, createdBy: userID, adhoc: true)
        var launch = ExecutionLauncher.Request(jobID: job.id, targetIDs: ids, trigger: "adhoc", triggeredBy: userID)
        launch.selected = request.targetIDs == nil
        return try await launcher(audit).launch(launch, definition: job)
    }
}
