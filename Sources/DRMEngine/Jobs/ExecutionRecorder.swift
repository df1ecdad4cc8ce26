import DRMCore
import DRMStore
import FluentKit
import Foundation
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
        var waiters: [CheckedContinuation<Void, any Error>] = []
        var failure: String?
    }

    let database: any Database
    let executionID: Int
    let observer: (@Sendable (ExecutionLogLine) -> Void)?
    let now: @Sendable () -> Date
    private let pending = Mutex(Pending())

    init(
        database: any Database, executionID: Int, observer: (@Sendable (ExecutionLogLine) -> Void)?,
        now: @escaping @Sendable () -> Date
    ) {
        self.database = database
        self.executionID = executionID
        self.observer = observer
        self.now = now
    }

    func log(_ line: ExecutionLogLine) {
        observer?(line)
        pending.withLock { $0.lines.append(line) }
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
        pending.withLock { $0.results.append(result) }
    }

    func branch(_ id: Int, _ state: BranchState) {
        pending.withLock { $0.branches[id] = state }
    }

    /// Returns once everything recorded so far is committed.
    func durable() async throws {
        try await withCheckedThrowingContinuation { continuation in
            pending.withLock { $0.waiters.append(continuation) }
        }
    }

    /// Writes what is pending now. Waiters registered before the write resume after it.
    func flush() async throws {
        let batch = pending.withLock { state in
            let batch = state
            state = Pending()
            return batch
        }
        do {
            if !batch.lines.isEmpty || !batch.results.isEmpty || !batch.branches.isEmpty {
                try await write(batch)
            }
            for waiter in batch.waiters { waiter.resume() }
        } catch {
            for waiter in batch.waiters { waiter.resume(throwing: error) }
            throw error
        }
    }

    /// Flushes every `interval` until the calling task is cancelled, then once more.
    func run(every interval: Duration) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            try? await flush()
        }
        try? await flush()
    }

    private func write(_ batch: Pending) async throws {
        try await database.transaction { db in
            let logs = batch.lines.map { line in
                let row = ExecutionLog()
                row.jobExecutionID = self.executionID
                row.branchID = line.branchID
                row.logPhase = line.phase
                row.logLevel = line.level
                row.logCategory = line.category
                row.logMessage = line.message
                row.logDetails = line.details
                row.timestamp = line.timestamp
                return row
            }
            for start in stride(from: 0, to: logs.count, by: 300) {
                try await Array(logs[start..<min(start + 300, logs.count)]).create(on: db)
            }
            let results = batch.results.map { result in
                let row = ActionResult()
                row.branchID = result.branchID
                row.actionID = result.actionID
                row.actionSerial = result.serial
                row.actionOrder = result.order
                row.actionName = result.name
                row.actionType = result.type
                row.status = result.status
                row.startedAt = result.startedAt
                row.completedAt = result.completedAt
                row.executionTimeMs = zip(result.startedAt, result.completedAt).map {
                    Int(($1.timeIntervalSince($0) * 1000).rounded())
                }
                row.resultOutput = result.output
                row.resultError = result.error
                row.exitCode = result.exitCode
                row.commandExecuted = result.command
                row.outputTruncated = result.truncated
                row.attempts = result.attempts
                return row
            }
            for start in stride(from: 0, to: results.count, by: 100) {
                try await Array(results[start..<min(start + 100, results.count)]).create(on: db)
            }
            for (id, state) in batch.branches {
                try await ExecutionBranch.query(on: db).filter(\.$id == id)
                    .set(\.$status, to: state.status)
                    .set(\.$startedAt, to: state.startedAt)
                    .set(\.$completedAt, to: state.completedAt)
                    .set(\.$resultOutput, to: state.output)
                    .set(\.$resultError, to: state.error)
                    .set(\.$exitCode, to: state.exitCode)
                    .update()
            }
        }
    }
}

func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
