import DRMCore
public import DRMRemote
import DRMStore
public import FluentKit
import Foundation

/// Everything that starts, runs, stops and reads executions, on one database with one set of clients: what
/// `serve`, `worker`, the API and the CLI share.
public struct JobEngine: Sendable {
    public let database: any Database
    public let vault: CredentialVault
    public var ssh: SSHClient
    public var http: HTTPRequestClient
    public var dataDirectory: URL
    /// How long a worker's claim holds without renewal.
    public var lease: Duration = .seconds(30)
    public var now: @Sendable () -> Date = { Date() }
    /// Where runs, workers and the scheduler count what they do (`/metrics`); `nil` counts nothing.
    public var instruments: EngineMetrics?

    public init(
        database: any Database, vault: CredentialVault, ssh: SSHClient = SSHClient(), http: HTTPRequestClient,
        dataDirectory: URL
    ) {
        self.database = database
        self.vault = vault
        self.ssh = ssh
        self.http = http
        self.dataDirectory = dataDirectory
    }

    public func catalog(_ audit: AuditTrail) -> JobCatalog { JobCatalog(database: database, audit: audit) }

    public func launcher(_ audit: AuditTrail) -> ExecutionLauncher {
        ExecutionLauncher(database: database, vault: vault, audit: audit)
    }

    public var query: ExecutionQuery { ExecutionQuery(database: database) }

    public var queue: TaskQueue {
        var queue = TaskQueue(database: database)
        queue.lease = lease
        return queue
    }

    public func runner() -> ExecutionRunner {
        var runner = ExecutionRunner(
            database: database, vault: vault, audit: AuditTrail(.system), ssh: ssh, http: http,
            dataDirectory: dataDirectory)
        runner.metrics = instruments
        return runner
    }

    /// The sender of the notification outbox's deliveries, on this engine's database and clients.
    public var notifications: NotificationSender {
        var sender = NotificationSender(database: database, vault: vault, http: http)
        sender.now = now
        return sender
    }

    /// The queue handlers a worker runs: the job engine's (`execution.run`), discovery's (`discovery.run`) and the
    /// notification outbox's (`notification.deliver`).
    public func handlers() -> [String: TaskHandler] {
        let recovery = ExecutionRecovery(audit: AuditTrail(.system))
        return [
            ExecutionLauncher.taskName: TaskHandler(
                run: { task in try await execute(task) },
                workerLost: { task, db in try await recovery.workerLost(task, on: db) }),
            DiscoveryRuns.taskName: DiscoveryRunner(database: database).handler,
        ].merging(notifications.handlers()) { first, _ in first }
    }

    /// Runs the execution of an `execution.run` task; `observer` sees its log lines live. An execution whose run
    /// fails (not one whose targets fail) is ended as failed, so it never stays "running".
    public func execute(_ task: TaskQueue.Claimed, observer: (@Sendable (ExecutionLogLine) -> Void)? = nil)
        async throws -> String?
    {
        guard case .number(let number)? = task.args["execution_id"] else {
            throw TaskError("the task has no execution_id")
        }
        let id = Int(number)
        try await ensureBelowConcurrencyLimit(executionID: id)
        do {
            return try await runner().run(executionID: id, observer: observer).rawValue
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            try? await abort(executionID: id, because: error)
            throw TaskError(String(describing: error))
        }
    }

    /// Runs a launched execution in this process, as a worker named `worker` would (for commands when no worker is
    /// live): claims its task, holds its lease while it runs, and claims it again when it was deferred (the
    /// concurrency limit), until the execution has ended.
    public func runInProcess(
        _ launched: ExecutionLauncher.Launched, worker: String, observer: (@Sendable (ExecutionLogLine) -> Void)? = nil
    ) async throws {
        repeat {
            if let task = try await queue.claim(id: launched.taskID, worker: worker) {
                await queue.hold(task, worker: worker) { try await execute(task, observer: observer) }
            } else {
                try await Task.sleep(for: .milliseconds(500))
            }
        } while try await !query.summary(launched.executionID).status.isTerminal
    }

    /// The queue's workers, depth and throughput.
    public var metrics: QueueMetrics { QueueMetrics(database: database) }

    /// Takes back the tasks of lost workers (what a worker's sweeper does), for processes that run no worker.
    @discardableResult
    public func recoverLostWork() async throws -> [TaskQueue.Claimed] {
        try await queue.recoverExpiredLeases(handlers: handlers())
    }

    /// Defers the execution (back to the queue for a few seconds) while `max_concurrent_jobs` executions run. Two
    /// workers checking at the same moment may both start one: the limit can be passed by the number of workers.
    func ensureBelowConcurrencyLimit(executionID: Int) async throws {
        guard case .number(let limit)? = try await SystemSettings(database: database).all()[.maxConcurrentJobs] else {
            return
        }
        let running = try await Execution.query(on: database).filter(\.$status == .running)
            .filter(\.$id != executionID).count()
        if running >= Int(limit) { throw TaskDeferral(after: .seconds(2)) }
    }

    /// A worker service with these handlers.
    public func worker(name: String = QueueWorker.defaultName(), slots: Int) -> QueueWorker {
        var worker = QueueWorker(name: name, queue: queue, slots: slots, handlers: handlers())
        worker.sweepInterval = min(.seconds(5), lease / 2)
        worker.metrics = instruments
        return worker
    }

    /// Ends an execution that can't run (its runner failed) as failed, so it doesn't stay "running".
    func abort(executionID: Int, because error: any Error) async throws {
        try await database.transaction { db in
            guard let execution = try await Execution.find(executionID, on: db), !execution.status.isTerminal else {
                return
            }
            let now = now()
            try await ExecutionBranch.query(on: db).filter(\.$jobExecutionID == executionID)
                .filter(\.$status ~~ [.queued, .scheduled, .running]).set(\.$status, to: .failed)
                .set(\.$completedAt, to: now).update()
            execution.status = .failed
            execution.completedAt = now
            execution.errorMessage = String(String(describing: error).prefix(2000))
            try await execution.save(on: db)
            try await ExecutionRollups.record(executionID: executionID, on: db, now: now)
        }
    }
}
