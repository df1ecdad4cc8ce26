import DRMCore
import DRMStore
import FluentKit
import Foundation
import SQLKit

extension ExecutionRunner {
    /// The branches' targets, methods and log-ins (a credential that can't be decrypted fails its branches with the
    /// reason); one `credential.access` audit event for the run.
    func plan(_ branches: [BranchRow], execution: Execution) async throws -> [BranchPlan] {
        let methods = try await TargetMethods.load(branches.map(\.targetID), on: database)
        var methodIDs: [Int] = []
        for entry in methods.targets.values {
            methodIDs +=
                (entry.methods[.ssh]?.prefix(1).map(\.id) ?? []) + (entry.methods[.restAPI]?.prefix(1).map(\.id) ?? [])
        }
        let sql = database as! any SQLDatabase
        let credentials = try await TargetMethods.chunked(methodIDs) { slice in
            try await sql.raw(
                """
                SELECT communication_method_id, encrypted_credentials FROM target_credentials
                WHERE communication_method_id IN (\(binds: slice)) AND is_active = \(bind: true) ORDER BY is_primary, id
                """
            ).all()
        }
        var logins: [Int: Result<CredentialLogin, CredentialLoginError>] = [:]
        // Primary credentials come last, so they win.
        for row in credentials {
            let stored = try row.decode(column: "encrypted_credentials", as: String.self)
            logins[try row.decode(column: "communication_method_id", as: Int.self)] = Result(catching: {
                () throws(CredentialLoginError) -> CredentialLogin in try CredentialLogin.open(stored, vault: vault)
            })
        }
        let opened = logins.values.filter { (try? $0.get()) != nil }.count
        if opened > 0 {
            try await audit.record(
                .credentialAccessed, resource: ("execution", String(try execution.requireID())),
                details: ["purpose": "execution", "credentials": .number(Double(opened))], on: database)
        }
        let anonymous = Result<CredentialLogin, CredentialLoginError>.success(
            CredentialLogin(secret: CredentialSecret(type: "none")))
        return branches.compactMap { branch -> BranchPlan? in
            guard let target = methods.targets[branch.targetID] else { return nil }
            let ssh = target.methods[.ssh]?.first.flatMap { method -> BranchPlan.SSHAccess? in
                guard case .ssh(let config) = method.config else { return nil }
                return .init(
                    config: config, methodID: method.id, hostKey: method.hostKey, login: logins[method.id] ?? anonymous)
            }
            let api = target.methods[.restAPI]?.first.flatMap { method -> BranchPlan.APIAccess? in
                guard case .restAPI(let config) = method.config else { return nil }
                return .init(config: config, login: logins[method.id] ?? anonymous)
            }
            return BranchPlan(id: branch.id, serial: branch.serial, target: target, ssh: ssh, api: api)
        }
    }

    /// Ends the execution: branches that never ran are skipped (cancelled when the run was cancelled), and the
    /// execution's status follows from its branches (or from what stopped it).
    func finish(
        _ execution: Execution, job: Job, recorder: ExecutionRecorder, stoppedBy stop: ExecutionStatus?,
        skipping remaining: [BranchRow]
    ) async throws -> ExecutionStatus {
        let now = now()
        let skipped: ExecutionStatus = stop == .cancelled ? .cancelled : .skipped
        for branch in remaining {
            recorder.branch(
                branch.id,
                .init(
                    status: skipped, startedAt: branch.startedAt, completedAt: now,
                    error: "not run: the execution stopped"))
        }
        try await recorder.drain(every: flushInterval)
        let executionID = try execution.requireID()
        let statuses = try await BranchRow.load(executionID: executionID, on: database).map(\.status)
        let outcome = ExecutionStatus.outcome(of: statuses, stoppedBy: stop == .failed ? nil : stop)
        let succeeded = statuses.filter(\.isSuccess).count
        try await database.transaction { db in
            execution.status = outcome
            execution.completedAt = now
            if execution.startedAt == nil { execution.startedAt = now }
            if stop == .timedOut { execution.errorMessage = "the execution's time-out of \(job.timeout ?? 0) s passed" }
            try await execution.save(on: db)
            try await ExecutionRollups.record(executionID: executionID, on: db, now: now)
            let log = ExecutionLog(
                execution: executionID, .completion, outcome == .completed ? .info : .error, .system,
                outcome == .completed
                    ? "finished: all \(statuses.count) target(s) completed"
                    : "\(outcome.rawValue): \(succeeded) of \(statuses.count) target(s) completed",
                details: [
                    "status": .string(outcome.rawValue), "succeeded": .number(Double(succeeded)),
                    "total": .number(Double(statuses.count)),
                ], at: now)
            try await log.create(on: db)
            recorder.observer?(
                ExecutionLogLine(
                    phase: .completion, level: log.logLevel, category: .system, message: log.logMessage,
                    details: log.logDetails, timestamp: now))
            if !job.isAdhoc {
                job.status = outcome == .completed ? .completed : outcome == .cancelled ? .cancelled : .failed
                try await job.save(on: db)
                // The intent to notify commits with the end, or not at all.
                try await NotificationOutbox(now: { now }).executionFinished(
                    execution, job: job, succeeded: succeeded, total: statuses.count, on: db)
            }
            try await audit.record(
                .executionFinished, outcome: outcome == .completed ? .success : .failure,
                resource: ("execution", String(executionID)),
                details: ["status": .string(outcome.rawValue), "serial": .string(execution.executionSerial)], on: db)
        }
        metrics?.executionFinished(outcome, seconds: now.timeIntervalSince(execution.startedAt ?? now))
        return outcome
    }
}
