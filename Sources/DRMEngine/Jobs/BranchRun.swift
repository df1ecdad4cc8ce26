import DRMCore
import DRMRemote
import Foundation
import Synchronization

/// Runs one branch: connects to its target once, runs the job's actions in order on that connection (with time-outs
/// and retries), and records each action's result and the branch's final state.
struct BranchRun: Sendable {
    struct Action: Sendable {
        var id: Int
        var order: Int
        var spec: ActionSpec
    }

    let plan: BranchPlan
    let actions: [Action]
    let context: RunContext
    let variables: [String: String]

    var recorder: ExecutionRecorder { context.recorder }

    func run() async -> ExecutionStatus {
        let started = context.now()
        recorder.branch(plan.id, .init(status: .running, startedAt: started))
        recorder.log(branch: plan, .targetSelection, .communication, "target \(plan.target.name) (\(plan.endpoint))")
        var connection: SSHConnection?
        if actions.contains(where: { $0.spec.requiredMethod == .ssh }) {
            do {
                // The branch is durably `running` before anything touches the target: after a crash it is never
                // mistaken for one that didn't start.
                try await recorder.durable()
                connection = try await connect()
            } catch {
                return finish(
                    started: started, status: status(of: error), error: Self.message(of: error), skipFrom: 0)
            }
        }
        let status = await runActions(started: started, on: connection)
        await connection?.close()
        return status
    }

    /// Runs the actions in order on `connection`; a failure stops the branch unless the action continues on error.
    func runActions(started: Date, on connection: SSHConnection?) async -> ExecutionStatus {
        var lastError: String?
        var lastExitCode: Int?
        var output = ""
        for (index, action) in actions.enumerated() {
            let result = await attempt(action, on: connection)
            lastExitCode = result.exitCode ?? lastExitCode
            if !result.output.isEmpty { output = result.output }
            guard result.status != .completed else { continue }
            lastError = result.error
            if result.status == .failed, action.spec.policy.continueOnError { continue }
            return finish(
                started: started, status: result.status, error: lastError, exitCode: lastExitCode, output: output,
                skipFrom: index + 1)
        }
        return finish(started: started, status: .completed, error: lastError, exitCode: lastExitCode, output: output)
    }

    /// Records the branch's end (and the actions from `skipFrom` on as skipped).
    func finish(
        started: Date, status: ExecutionStatus, error: String?, exitCode: Int? = nil, output: String = "",
        skipFrom: Int? = nil
    ) -> ExecutionStatus {
        let now = context.now()
        for action in actions.dropFirst(skipFrom ?? actions.count) {
            recorder.result(
                .init(
                    branchID: plan.id, actionID: action.id,
                    serial: ExecutionSerials.action(branch: plan.serial, order: action.order), order: action.order,
                    name: action.spec.name, type: action.spec.type, status: .skipped, output: nil,
                    error: "not run: an earlier step of this branch ended \(status.rawValue)", truncated: false,
                    attempts: 0))
        }
        recorder.branch(
            plan.id,
            .init(
                status: status, startedAt: started, completedAt: now, output: String(output.suffix(4000)),
                error: error.map { String($0.prefix(4000)) }, exitCode: exitCode))
        let seconds = String(format: "%.2f", now.timeIntervalSince(started))
        var details: JSONValue = [
            "status": .string(status.rawValue), "seconds": .number(now.timeIntervalSince(started)),
        ]
        if let exitCode, case .object(var object) = details {
            object["exit_code"] = .number(Double(exitCode))
            details = .object(object)
        }
        recorder.log(
            branch: plan, .completion, status == .completed ? .info : .error, .system,
            "\(status.rawValue) in \(seconds) s" + (error.map { ": \($0)" } ?? ""), details: details)
        context.metrics?.branchFinished(status, seconds: now.timeIntervalSince(started))
        return status
    }

    func connect() async throws -> SSHConnection {
        guard let ssh = plan.ssh else { throw ActionError("the target has no SSH method") }
        let endpoint = HostPort.text(ssh.config.host, ssh.config.port)
        let policy: SSHHostKeyPolicy
        if let key = ssh.hostKey {
            policy = .pinned([key])
        } else if ssh.config.hostKeyPolicy == .recordFirstUse {
            policy = .recordFirstUse
        } else {
            throw ActionError(
                "no host key is recorded for \(endpoint): test the target's connection to record it, or pin one",
                category: .authentication)
        }
        let access: (username: String, authentication: SSHAuthentication)
        do throws(CredentialLoginError) {
            access = try ssh.login.get().ssh(parse: context.keys.key)
        } catch {
            throw ActionError(error.description, category: .authentication)
        }
        if ssh.hostKey == nil, !context.mayTrustNewHostKeys, case .password = access.authentication {
            throw ActionError(
                "no host key is pinned for \(endpoint): only a run an administrator starts sends a password to it",
                category: .authentication)
        }
        let connecting = ContinuousClock.now
        let connection = try await context.ssh.connect(
            host: ssh.config.host, port: ssh.config.port, username: access.username,
            authentication: access.authentication, hostKeyPolicy: policy,
            connectTimeout: .seconds(Int64(max(1, ssh.config.timeout))))
        context.metrics?.sshConnected(seconds: (ContinuousClock.now - connecting) / .seconds(1))
        if ssh.hostKey == nil { recorder.hostKey(connection.hostKey.openSSH, method: ssh.methodID) }
        recorder.log(
            branch: plan, .authentication, .authentication,
            "connected as \(connection.username), host key \(connection.hostKeyFingerprint)")
        return connection
    }

    /// Runs one action with its retries; records its result.
    func attempt(_ action: Action, on connection: SSHConnection?) async -> ActionOutcome {
        let policy = action.spec.policy
        let started = context.now()
        var attempt = 1
        var outcome: ActionOutcome
        while true {
            recorder.log(
                branch: plan, .actionExecution, .commandExecution,
                "action \(action.order) '\(action.spec.name)'" + (attempt > 1 ? " (attempt \(attempt))" : ""))
            outcome = await execute(action, on: connection)
            guard outcome.status == .failed || outcome.status == .timedOut, attempt <= policy.retries,
                !Task.isCancelled
            else { break }
            let pause = policy.backoff(beforeRetry: attempt)
            recorder.log(
                branch: plan, .actionExecution, .warning, .commandExecution,
                "attempt \(attempt) failed: \(outcome.error ?? outcome.status.rawValue); retrying in \(pause) s")
            do { try await Task.sleep(for: .milliseconds(Int(pause * 1000))) } catch { break }
            attempt += 1
        }
        let command = outcome.command
        recorder.result(
            .init(
                branchID: plan.id, actionID: action.id,
                serial: ExecutionSerials.action(branch: plan.serial, order: action.order), order: action.order,
                name: action.spec.name, type: action.spec.type, status: outcome.status, startedAt: started,
                completedAt: context.now(), output: outcome.output, error: outcome.error, exitCode: outcome.exitCode,
                command: command, truncated: outcome.truncated, attempts: attempt))
        context.metrics?.actionFinished(action.spec.type, outcome.status)
        if outcome.truncated {
            recorder.log(
                branch: plan, .resultCollection, .warning, .commandExecution,
                "output capped at \(context.ssh.outputLimit) bytes per stream")
        }
        recorder.log(
            branch: plan, .resultCollection, outcome.status == .completed ? .info : .error, .commandExecution,
            "action \(action.order) \(outcome.status.rawValue)"
                + (outcome.exitCode.map { " (exit \($0))" } ?? "") + (outcome.error.map { ": \($0)" } ?? ""),
            details: outcome.exitCode.map { ["exit_code": .number(Double($0))] })
        return outcome
    }

    func status(of error: any Error) -> ExecutionStatus {
        if error is CancellationError || Task.isCancelled { return context.stopReason() ?? .cancelled }
        if let failure = error as? ConnectionError, failure.category == .timeout { return .timedOut }
        return .failed
    }

    static func message(of error: any Error) -> String {
        if error is CancellationError { return "cancelled" }
        if let failure = error as? ConnectionError { return failure.message }
        if let failure = error as? ActionError { return failure.message }
        return String(describing: error)
    }
}
