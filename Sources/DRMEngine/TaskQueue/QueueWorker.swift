import DRMCore
import DRMStore
import FluentKit
import Foundation
public import Logging
public import ServiceLifecycle
import Synchronization

/// A queue worker (`Service`): claims due tasks up to its slots, runs them while holding their leases, takes back
/// the tasks of lost workers, and writes a metrics snapshot (its heartbeat) to `celery_metrics_snapshots`.
///
/// On graceful shutdown it stops claiming and waits for the tasks it runs. Several workers, in one process or on
/// several nodes sharing one PostgreSQL, share the queue.
public struct QueueWorker: Service {
    public let name: String
    public let queue: TaskQueue
    public var slots: Int
    public var handlers: [String: TaskHandler]
    public var pollInterval: Duration = .milliseconds(200)
    public var sweepInterval: Duration = .seconds(5)
    public var snapshotInterval: Duration = .seconds(30)
    /// How often a draining worker says how many tasks it still waits for.
    public var drainReportInterval: Duration = .seconds(5)
    public var logger = Logger(label: "enabledrm.worker")
    /// Counts claims, ends, retries and tasks taken back (`/metrics`).
    public var metrics: EngineMetrics?

    public init(name: String, queue: TaskQueue, slots: Int, handlers: [String: TaskHandler]) {
        self.name = name
        self.queue = queue
        self.slots = max(1, slots)
        self.handlers = handlers
        logger[metadataKey: "component"] = "worker"
        logger[metadataKey: "worker"] = "\(name)"
    }

    /// `<host>-<pid>`: unique per process, readable in the queue views.
    public static func defaultName(prefix: String = "worker") -> String {
        "\(prefix)@\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    public func run() async throws {
        let counters = WorkerCounters()
        let completions = TaskCompletions(queue: queue, worker: name)
        let stopping = Mutex(false)
        logger.info("worker started", metadata: ["slots": "\(slots)"])
        await withGracefulShutdownHandler {
            // A discarding group: a plain task group keeps every finished child until it is awaited, so a worker
            // that runs for weeks would hold one per task it ever ran. This one frees them and still waits for all.
            await withDiscardingTaskGroup { group in
                var lastSweep = ContinuousClock.now - sweepInterval
                var lastSnapshot = ContinuousClock.now - snapshotInterval
                while !stopping.withLock({ $0 }), !Task.isCancelled {
                    let now = ContinuousClock.now
                    if now - lastSweep >= sweepInterval {
                        lastSweep = now
                        await sweep(counters)
                    }
                    if now - lastSnapshot >= snapshotInterval {
                        lastSnapshot = now
                        await snapshot(counters)
                    }
                    let free = slots - counters.active
                    var claimed: [TaskQueue.Claimed] = []
                    if free > 0 {
                        do {
                            claimed = try await withDeadline { [queue, name] in
                                try await queue.claim(worker: name, limit: free)
                            }
                        } catch {
                            logger.warning("claim failed", metadata: ["error": "\(String(reflecting: error))"])
                        }
                    }
                    metrics?.tasksClaimed(claimed.count)
                    for task in claimed {
                        counters.started(task.id)
                        group.addTask { await execute(task, counters: counters, completions: completions) }
                    }
                    if claimed.isEmpty { try? await Task.sleep(for: pollInterval) }
                }
                drain(counters, in: &group)
            }
        } onGracefulShutdown: {
            stopping.withLock { $0 = true }
        }
        await snapshot(counters)
        logger.info("worker stopped")
    }

    /// Once it stops claiming: says how many tasks it waits for, then every ``drainReportInterval`` how many are
    /// left, and when the last one ended (a SIGTERM no longer waits in silence, #14 item 15).
    func drain(_ counters: WorkerCounters, in group: inout DiscardingTaskGroup) {
        let running = counters.active
        guard running > 0 else { return }
        logger.notice(
            "draining: waiting for running tasks to finish before stopping",
            metadata: ["running": "\(running)", "tasks": "\(counters.running.sorted())"])
        let logger = logger
        let interval = drainReportInterval
        group.addTask {
            let start = ContinuousClock.now
            var lastReport = start
            while counters.active > 0 {
                try? await Task.sleep(for: .milliseconds(100))
                if ContinuousClock.now - lastReport >= interval, counters.active > 0 {
                    lastReport = ContinuousClock.now
                    logger.notice(
                        "still draining",
                        metadata: ["running": "\(counters.active)", "waited": "\(start.duration(to: .now))"])
                }
            }
            logger.notice("drained: every running task ended", metadata: ["waited": "\(start.duration(to: .now))"])
        }
    }

    func execute(_ task: TaskQueue.Claimed, counters: WorkerCounters, completions: TaskCompletions) async {
        var taskLogger = logger
        taskLogger[metadataKey: "task"] = "\(task.name)"
        taskLogger[metadataKey: "task_id"] = "\(task.id)"
        let logger = taskLogger
        guard let handler = handlers[task.name] else {
            try? await queue.finish(task, worker: name, outcome: .failure(TaskError("no handler for '\(task.name)'")))
            counters.ended(task.id, failed: true)
            return
        }
        let failed = Mutex(false)
        // How the metrics count the end: a deferral or a cancellation (lost lease, shutdown) is no end.
        let end = Mutex<(counted: Bool, failed: Bool, retried: Bool)>((true, false, false))
        await queue.hold(task, worker: name, completions: completions) {
            do {
                return try await handler.run(task)
            } catch let deferral as TaskDeferral {
                throw deferral  // Not a failure: the task goes back to the queue.
            } catch {
                failed.withLock { $0 = true }
                let again = (error as? TaskError)?.retry == true && task.retries < task.maxRetries
                let counted = !(error is TaskDeferral) && !(error is CancellationError)
                end.withLock { $0 = (counted, true, again) }
                logger.error("task failed", metadata: ["error": "\(String(reflecting: error))"])
                throw error
            }
        }
        counters.ended(task.id, failed: failed.withLock { $0 })
        let ended = end.withLock { $0 }
        if ended.counted { metrics?.taskFinished(failed: ended.failed, retried: ended.retried) }
    }

    func sweep(_ counters: WorkerCounters) async {
        do {
            let recovered = try await withDeadline { [queue, handlers] in
                try await queue.recoverExpiredLeases(handlers: handlers, skipping: counters.running)
            }
            metrics?.tasksLost(recovered.count)
            for task in recovered {
                logger.warning("took back the task of a lost worker", metadata: ["task_id": "\(task.id)"])
            }
        } catch {
            logger.warning("sweep failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    func snapshot(_ counters: WorkerCounters) async {
        do {
            let (database, name, slots, values) = (queue.database, name, slots, counters.values)
            try await withDeadline {
                try await QueueMetrics(database: database).recordSnapshot(worker: name, slots: slots, counters: values)
            }
        } catch {
            logger.warning("snapshot failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}
