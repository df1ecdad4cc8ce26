import DRMCore
import DRMStore
import FluentKit
import Foundation
import Logging
import SQLKit
import Synchronization

/// Writes what an execution produces — log lines, action results, branch states — in batches: everything recorded
/// within one flush interval goes to the database in one transaction (group commit), so a run on hundreds of
/// targets costs a few statements per interval, not several per target.
///
/// A line is *logged* once its batch is committed. Callers that must not go on before their state is durable (a
/// branch about to touch its target) wait for ``durable()``; a follower in the same process sees each line at once
/// through `observer`.
final class ExecutionRecorder: Sendable {
    struct BranchState: Sendable {
        var status: ExecutionStatus
        var startedAt: Date?
        var completedAt: Date?
        var output: String?
        var error: String?
        var exitCode: Int?
    }

    struct Result: Sendable {
        var branchID: Int
        var actionID: Int
        var serial: String
        var order: Int
        var name: String
        var type: ActionType
        var status: ExecutionStatus
        var startedAt: Date?
        var completedAt: Date?
        var output: String?
        var error: String?
        var exitCode: Int?
        var command: String?
        var truncated: Bool
        var attempts: Int
    }

    private struct Pending: Sendable {
        var lines: [ExecutionLogLine] = []
        var results: [Result] = []
        var branches: [Int: BranchState] = [:]
        /// Host keys seen on first use, by method id (methods whose policy is `record_first_use`).
        var hostKeys: [Int: String] = [:]
        var waiters: [CheckedContinuation<Void, any Error>] = []
        /// Log lines dropped because the database stayed unreachable too long (see ``maxPendingLines``).
        var droppedLines = 0
    }

    let database: any Database
    let executionID: Int
    let observer: (@Sendable (ExecutionLogLine) -> Void)?
    let now: @Sendable () -> Date
    let logger: Logger
    private let pending = Mutex(Pending())

    init(
        database: any Database, executionID: Int, observer: (@Sendable (ExecutionLogLine) -> Void)?,
        now: @escaping @Sendable () -> Date, logger: Logger = Logger(label: "enabledrm.executions")
    ) {
        self.logger = logger
        self.database = database
        self.executionID = executionID
        self.observer = observer
        self.now = now
    }

    /// The secret values this run's credentials hold, longest first: replaced by `********` in every log line,
    /// result and branch output before anything is stored, shown or followed live.
    private let masks = Mutex<[String]>([])

    func mask(_ secrets: [String]) {
        let sorted = Set(secrets).sorted { $0.count > $1.count }
        masks.withLock { $0 = sorted }
    }

    func masked(_ text: String?) -> String? {
        guard var text else { return nil }
        for secret in masks.withLock({ $0 }) where text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: "********")
        }
        return text
    }

    func log(_ line: ExecutionLogLine) {
        var line = line
        line.message = masked(line.message) ?? ""
        observer?(line)
        pending.withLock { [line] in $0.lines.append(line) }
    }

    func log(
        branch: BranchPlan? = nil, _ phase: LogPhase, _ category: LogCategory, _ message: String,
        details: JSONValue? = nil
    ) {
        log(branch: branch, phase, .info, category, message, details: details)
    }

    func log(
        branch: BranchPlan? = nil, _ phase: LogPhase, _ level: ExecutionLogLevel, _ category: LogCategory,
        _ message: String, details: JSONValue? = nil
    ) {
        log(
            ExecutionLogLine(
                branchID: branch?.id, targetName: branch?.target.name, endpoint: branch?.endpoint, phase: phase,
                level: level, category: category, message: message, details: details, timestamp: now()))
    }

    func result(_ result: Result) {
        var result = result
        result.output = masked(result.output)
        result.error = masked(result.error)
        result.command = masked(result.command)
        pending.withLock { [result] in $0.results.append(result) }
    }

    func branch(_ id: Int, _ state: BranchState) {
        var state = state
        state.output = masked(state.output)
        state.error = masked(state.error)
        pending.withLock { [state] in $0.branches[id] = state }
    }

    /// Stores the host key a method presented on first use (unless one was recorded meanwhile).
    func hostKey(_ key: String, method methodID: Int) {
        pending.withLock { $0.hostKeys[methodID] = key }
    }

    /// Returns once everything recorded so far is committed.
    func durable() async throws {
        try await withCheckedThrowingContinuation { continuation in
            pending.withLock { $0.waiters.append(continuation) }
        }
    }

    /// Writes what is pending now. Waiters registered before the write resume after it. When the write fails (the
    /// database is unreachable) nothing is dropped: the batch goes back in front of what was recorded meanwhile,
    /// its waiters keep waiting, and the next flush tries again. Only log lines are bounded
    /// (``maxPendingLines``): past that the oldest are dropped and the count of dropped lines is logged once the
    /// database answers; results and branch states are always kept.
    func flush() async throws {
        let batch = pending.withLock { state in
            let batch = state
            state = Pending()
            return batch
        }
        do {
            if !batch.lines.isEmpty || !batch.results.isEmpty || !batch.branches.isEmpty || !batch.hostKeys.isEmpty {
                try await withDeadline { try await self.write(batch) }
            }
            for waiter in batch.waiters { waiter.resume() }
        } catch {
            pending.withLock { state in
                var kept = batch
                kept.lines += state.lines
                kept.results += state.results
                kept.branches.merge(state.branches) { _, newer in newer }
                kept.hostKeys.merge(state.hostKeys) { _, newer in newer }
                kept.waiters += state.waiters
                kept.droppedLines += state.droppedLines
                let excess = kept.lines.count - Self.maxPendingLines
                if excess > 0 {
                    kept.lines.removeFirst(excess)
                    kept.droppedLines += excess
                }
                state = kept
            }
            throw error
        }
    }

    /// Log lines kept in memory while the database is unreachable.
    static let maxPendingLines = 200_000

    /// Flushes every `interval` until the calling task is cancelled. A failing write is logged when it starts
    /// failing and when it succeeds again, not on every try.
    func run(every interval: Duration) async {
        var failing = false
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            do {
                try await flush()
                if failing { logger.notice("execution records are written again") }
                failing = false
            } catch {
                if !failing {
                    logger.warning(
                        "execution records could not be written; kept and tried again",
                        metadata: ["error": "\(String(reflecting: error))"])
                }
                failing = true
            }
        }
    }

    /// Flushes until everything recorded is written, retrying (every `interval`, then less often) while the
    /// database is unreachable, for at most ten minutes.
    func drain(every interval: Duration) async throws {
        try await persistently(startingEvery: interval) { try await flush() }
    }

    // Hand-written SQL: Fluent reads a model's fields by reflection on every row, which cost more CPU than the
    // SSH work of a target. Enum values are literals (they come from Swift enums), everything else is bound.
    private func write(_ pending: Pending) async throws {
        var batch = pending
        if batch.droppedLines > 0 {
            batch.lines.insert(
                ExecutionLogLine(
                    branchID: nil, targetName: nil, endpoint: nil, phase: .completion, level: .warning,
                    category: .system,
                    message: "\(batch.droppedLines) log line(s) were dropped while the database was unreachable",
                    details: nil, timestamp: now()), at: 0)
        }
        try await database.transaction { [batch] db in
            let sql = db as! any SQLDatabase
            for start in stride(from: 0, to: batch.lines.count, by: 500) {
                var insert = sql.insert(into: "job_execution_logs").columns(
                    "job_execution_id", "branch_id", "log_phase", "log_level", "log_category", "log_message",
                    "log_details", "timestamp", "created_at")
                for line in batch.lines[start..<min(start + 500, batch.lines.count)] {
                    insert = insert.values([
                        SQLBind(self.executionID), SQLBind(line.branchID), SQLLiteral.string(line.phase.rawValue),
                        SQLLiteral.string(line.level.rawValue), SQLLiteral.string(line.category.rawValue),
                        SQLBind(line.message), SQLBind(line.details), SQLBind(line.timestamp), SQLBind(line.timestamp),
                    ])
                }
                try await insert.run()
            }
            for start in stride(from: 0, to: batch.results.count, by: 300) {
                var insert = sql.insert(into: "job_action_results").columns(
                    "branch_id", "action_id", "action_serial", "action_order", "action_name", "action_type", "status",
                    "started_at", "completed_at", "execution_time_ms", "result_output", "result_error", "exit_code",
                    "command_executed", "output_truncated", "attempts", "created_at")
                for result in batch.results[start..<min(start + 300, batch.results.count)] {
                    let milliseconds = zip(result.startedAt, result.completedAt).map {
                        Int(($1.timeIntervalSince($0) * 1000).rounded())
                    }
                    insert = insert.values([
                        SQLBind(result.branchID), SQLBind(result.actionID), SQLBind(result.serial),
                        SQLBind(result.order), SQLBind(result.name), SQLLiteral.string(result.type.rawValue),
                        SQLLiteral.string(result.status.rawValue), SQLBind(result.startedAt),
                        SQLBind(result.completedAt), SQLBind(milliseconds), SQLBind(result.output),
                        SQLBind(result.error), SQLBind(result.exitCode), SQLBind(result.command),
                        SQLBind(result.truncated), SQLBind(result.attempts), SQLBind(result.completedAt ?? self.now()),
                    ])
                }
                try await insert.run()
            }
            for (methodID, key) in batch.hostKeys {
                let recorded = try await sql.raw(
                    """
                    UPDATE target_communication_methods SET host_key = \(bind: key)
                    WHERE id = \(bind: methodID) AND host_key IS NULL RETURNING target_id
                    """
                ).first()
                if let recorded {
                    try await AuditTrail(.system).record(
                        .hostKeyAccepted, resource: ("communication_method", String(methodID)),
                        details: [
                            "target_id": .number(Double(try recorded.decode(column: "target_id", as: Int.self))),
                            "first_use": true, "execution_id": .number(Double(self.executionID)),
                            "fingerprint": .string(KeyFingerprint.ofPublicKeyLine(key) ?? key),
                        ], on: db)
                }
            }
            for (id, state) in batch.branches {
                try await sql.update("job_execution_branches")
                    .set("status", to: SQLLiteral.string(state.status.rawValue))
                    .set("started_at", to: SQLBind(state.startedAt))
                    .set("completed_at", to: SQLBind(state.completedAt))
                    .set("result_output", to: SQLBind(state.output))
                    .set("result_error", to: SQLBind(state.error))
                    .set("exit_code", to: SQLBind(state.exitCode))
                    .where("id", .equal, SQLBind(id))
                    .run()
            }
        }
    }
}

func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
