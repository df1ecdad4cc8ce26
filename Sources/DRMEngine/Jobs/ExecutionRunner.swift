public import DRMCore
public import DRMRemote
import DRMStore
public import FluentKit
import Foundation
public import Logging
import Synchronization

/// Runs a queued execution: its branches in parallel (at most the job's `parallelism` at once, each on its own SSH
/// connection), until all are done, it is cancelled, or its time-out passes; then records its outcome.
///
/// Cancellation is asked for in the database (`cancel_requested_at`), so it works whichever process runs the
/// execution: the runner looks every `cancelPollInterval` and stops its branches (remote commands get `TERM`, then
/// `KILL`, and their channels close).
public struct ExecutionRunner: Sendable {
    public let database: any Database
    public let vault: CredentialVault
    public let audit: AuditTrail
    public var ssh: SSHClient
    public var http: HTTPRequestClient
    /// Where uploads by name come from (`<data_dir>/files`).
    public var filesDirectory: URL
    /// Where downloads go (`<data_dir>/downloads/<execution>/<target>/`).
    public var downloadsDirectory: URL
    public var flushInterval: Duration = .milliseconds(100)
    public var cancelPollInterval: Duration = .milliseconds(500)
    public var logLinesPerAction = 1000
    public var now: @Sendable () -> Date = { Date() }
    public var logger = Logger(label: "enabledrm.executions")
    /// Counts executions, branches, actions and SSH connections (`/metrics`).
    public var metrics: EngineMetrics?

    public init(
        database: any Database, vault: CredentialVault, audit: AuditTrail, ssh: SSHClient, http: HTTPRequestClient,
        dataDirectory: URL
    ) {
        self.database = database
        self.vault = vault
        self.audit = audit
        self.ssh = ssh
        self.http = http
        filesDirectory = dataDirectory.appending(path: "files")
        downloadsDirectory = dataDirectory.appending(path: "downloads")
    }

    /// Runs the execution to its end and returns its final status; `observer` sees every log line as it happens.
    @discardableResult
    public func run(executionID: Int, observer: (@Sendable (ExecutionLogLine) -> Void)? = nil) async throws
        -> ExecutionStatus
    {
        guard let execution = try await Execution.find(executionID, on: database) else {
            throw JobError.notFound("execution \(executionID)")
        }
        if execution.status.isTerminal { return execution.status }
        let job = try await JobCatalog.job(execution.jobID, on: database, includingDeleted: true)
        let definition = try await JobCatalog(database: database, audit: audit).definition(of: job, on: database)
        let specs = try definition.specs()
        let actions = zip(definition.actionIDs, specs).enumerated().map {
            BranchRun.Action(id: $0.element.0, order: $0.offset + 1, spec: $0.element.1)
        }
        var logger = logger
        logger[metadataKey: "execution_id"] = "\(executionID)"
        let recorder = ExecutionRecorder(
            database: database, executionID: executionID, observer: observer, now: now, logger: logger)
        let waiting = try await BranchRow.load(executionID: executionID, on: database).filter { !$0.status.isTerminal }
        let plans = try await plan(waiting, execution: execution)
        recorder.mask(
            plans.flatMap { plan in
                [plan.ssh.flatMap { try? $0.login.get() }, plan.api.flatMap { try? $0.login.get() }]
                    .compactMap { $0?.secretValues }.flatMap { $0 }
            }
                + JobOption.secretValues(
                    execution.parameters?.objectValue ?? [:], options: definition.draft.options))

        if execution.cancelRequestedAt != nil {
            return try await finish(execution, job: job, recorder: recorder, stoppedBy: .cancelled, skipping: waiting)
        }
        execution.status = .running
        let firstStart = execution.startedAt == nil
        if firstStart {
            execution.startedAt = now()
            if let queued = execution.createdAt { metrics?.executionStarted(waited: now().timeIntervalSince(queued)) }
        }
        try await database.transaction { db in
            try await execution.save(on: db)
            if !job.isAdhoc, job.status != .running {
                // A job that runs says so (#14 item 14); its last run's outcome replaces this when it ends.
                job.status = .running
                try await job.save(on: db)
            }
            // The outbox is written with the start (a run taken back from a lost worker has started already).
            if firstStart, !job.isAdhoc {
                try await NotificationOutbox(now: now).executionStarted(execution, job: job, on: db)
            }
        }
        recorder.log(
            .creation, .system, "running on \(plans.count) target(s), \(definition.draft.parallelism) at a time")
        logger[metadataKey: "execution"] = "\(execution.executionSerial)"
        logger.debug("execution started", metadata: ["targets": "\(plans.count)"])

        let stop = StopSignal()
        let context = RunContext(
            ssh: ssh, http: http, recorder: recorder, keys: KeyCache(), filesDirectory: filesDirectory,
            downloadsDirectory: downloadsDirectory, executionSerial: execution.executionSerial,
            logLinesPerAction: logLinesPerAction,
            mayTrustNewHostKeys: try await startedByAdministrator(execution),
            now: now, stopReason: { stop.withLock { $0 } }, metrics: metrics)
        let parameters = execution.parameters?.objectValue ?? [:]
        let runs = plans.map { plan in
            BranchRun(
                plan: plan, actions: actions, context: context,
                variables: plan.variables(
                    job: job.name, jobSerial: job.jobSerial, execution: execution.executionSerial,
                    executionID: executionID, parameters: parameters))
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await recorder.run(every: flushInterval) }
            group.addTask { await watch(executionID, timeout: job.timeout, stop: stop) }
            await runBranches(
                runs, parallelism: definition.draft.parallelism,
                stopOnFailure: definition.draft.failurePolicy == .stop, stop: stop)
            group.cancelAll()
        }
        // What the targets did is written before anything else happens, waiting out a database outage.
        try await recorder.drain(every: flushInterval)
        let remaining = try await BranchRow.load(executionID: executionID, on: database).filter {
            !$0.status.isTerminal
        }
        let outcome = try await finish(
            execution, job: job, recorder: recorder, stoppedBy: stop.withLock { $0 }, skipping: remaining)
        logger.debug("execution finished", metadata: ["status": "\(outcome.rawValue)"])
        return outcome
    }

    /// Whether an administrator, or the system (no user), started `execution`.
    func startedByAdministrator(_ execution: Execution) async throws -> Bool {
        guard let userID = execution.triggeredBy else { return true }
        return try await User.find(userID, on: database)?.role == .administrator
    }

    /// Runs the branches, at most `parallelism` at once. A stop by cancel or time-out starts no more and cancels
    /// the running ones; a stop by the failure policy only starts no more.
    func runBranches(_ runs: [BranchRun], parallelism: Int, stopOnFailure: Bool, stop: StopSignal) async {
        enum Event: Sendable {
            case branch(ExecutionStatus)
            case stopped
        }
        await withTaskGroup(of: Event.self) { group in
            @Sendable func watch(beyond seen: ExecutionStatus?) async -> Event {
                while !Task.isCancelled, stop.withLock({ $0 }) == seen {
                    try? await Task.sleep(for: .milliseconds(50))
                }
                return .stopped
            }
            group.addTask { await watch(beyond: nil) }
            var next = 0
            var running = 0
            func startNext() {
                guard next < runs.count, stop.withLock({ $0 }) == nil else { return }
                let run = runs[next]
                next += 1
                running += 1
                group.addTask { .branch(await run.run()) }
            }
            for _ in 0..<min(parallelism, runs.count) { startNext() }
            while running > 0, let event = await group.next() {
                switch event {
                case .stopped:
                    let reason = stop.withLock { $0 }
                    if reason == .failed {
                        group.addTask { await watch(beyond: .failed) }
                    } else {
                        group.cancelAll()
                    }
                case .branch(let status):
                    running -= 1
                    if stopOnFailure, !status.isSuccess, status != .cancelled {
                        stop.withLock { if $0 == nil { $0 = .failed } }
                    }
                    startNext()
                }
            }
            group.cancelAll()
        }
    }

    /// Sets `stop` when the execution is cancelled or its time-out passes.
    func watch(_ executionID: Int, timeout: Int?, stop: StopSignal) async {
        let deadline = timeout.map { ContinuousClock.now + .seconds($0) }
        while !Task.isCancelled {
            do { try await Task.sleep(for: cancelPollInterval) } catch { return }
            if let deadline, ContinuousClock.now >= deadline {
                stop.withLock { if $0 == nil { $0 = .timedOut } }
            }
            let cancelled = try? await withDeadline { [database] in
                try await Execution.query(on: database).filter(\.$id == executionID)
                    .filter(\.$cancelRequestedAt != nil).count()
            }
            if (cancelled ?? 0) > 0 { stop.withLock { if $0 == nil || $0 == .failed { $0 = .cancelled } } }
        }
    }
}

extension JSONValue {
    var objectValue: [String: JSONValue]? {
        guard case .object(let object) = self else { return nil }
        return object
    }
}
