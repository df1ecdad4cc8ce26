import CoreMetrics
public import DRMCore
public import Foundation
import Prometheus

/// The process's instruments (swift-metrics, on a swift-prometheus registry of its own) and their text
/// exposition for `GET /metrics`. Counters and histograms are recorded where things happen (runner, worker,
/// scheduler, HTTP middleware, log-in); the gauges that need the database are set by ``MetricsSampler``. Writing
/// the exposition reads only memory: a scrape never runs SQL.
public final class EngineMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let factory: DescribedMetricsFactory
    /// When the process (its environment) started.
    public let startedAt: Date

    /// An empty registry with every bounded series at zero, so each family shows before its first event.
    public init(startedAt: Date = Date()) {
        self.startedAt = startedAt
        registry = PrometheusCollectorRegistry()
        factory = DescribedMetricsFactory(registry: registry)
        for status in ExecutionStatus.allCases where status.isTerminal {
            counter(MetricsCatalog.executions, ["outcome": status.rawValue]).increment(by: 0)
            counter(MetricsCatalog.branches, ["outcome": status.rawValue]).increment(by: 0)
        }
        counter(MetricsCatalog.tasksClaimed).increment(by: 0)
        for outcome in ["success", "failure"] {
            counter(MetricsCatalog.tasksFinished, ["outcome": outcome]).increment(by: 0)
        }
        counter(MetricsCatalog.tasksRetried).increment(by: 0)
        counter(MetricsCatalog.tasksLost).increment(by: 0)
        for outcome in LoginOutcome.allCases {
            counter(MetricsCatalog.logins, ["outcome": outcome.rawValue]).increment(by: 0)
        }
        for family in [
            MetricsCatalog.executionDuration, MetricsCatalog.branchDuration, MetricsCatalog.queueWait,
            MetricsCatalog.scheduleLateness, MetricsCatalog.sshConnect, MetricsCatalog.httpDuration,
        ] {
            _ = Timer(label: family.name, dimensions: [], factory: factory)
        }
        for family in [
            MetricsCatalog.queueDepth, MetricsCatalog.oldestPending, MetricsCatalog.runningExecutions,
            MetricsCatalog.liveWorkers, MetricsCatalog.leader, MetricsCatalog.poolSize,
            MetricsCatalog.sampled,
        ] {
            gauge(family).record(0)
        }
        gauge(MetricsCatalog.started).record(startedAt.timeIntervalSince1970)
    }

    // MARK: Instruments

    func counter(_ family: MetricsCatalog.Family, _ labels: KeyValuePairs<String, String> = [:]) -> CoreMetrics.Counter
    {
        CoreMetrics.Counter(label: family.name, dimensions: labels.map { ($0.key, $0.value) }, factory: factory)
    }

    func timer(_ family: MetricsCatalog.Family) -> CoreMetrics.Timer {
        CoreMetrics.Timer(label: family.name, dimensions: [], factory: factory)
    }

    func gauge(_ family: MetricsCatalog.Family) -> CoreMetrics.Gauge {
        CoreMetrics.Gauge(label: family.name, dimensions: [], factory: factory)
    }

    func observe(_ family: MetricsCatalog.Family, seconds: Double) {
        timer(family).recordNanoseconds(Int64((max(0, seconds) * 1e9).rounded()))
    }

    // MARK: What happened

    /// An execution ended with `outcome` after `seconds`.
    public func executionFinished(_ outcome: ExecutionStatus, seconds: Double) {
        counter(MetricsCatalog.executions, ["outcome": outcome.rawValue]).increment()
        observe(MetricsCatalog.executionDuration, seconds: seconds)
    }

    /// An execution started `seconds` after it was queued.
    public func executionStarted(waited seconds: Double) {
        observe(MetricsCatalog.queueWait, seconds: seconds)
    }

    /// A branch ended with `outcome` after `seconds`.
    public func branchFinished(_ outcome: ExecutionStatus, seconds: Double) {
        counter(MetricsCatalog.branches, ["outcome": outcome.rawValue]).increment()
        observe(MetricsCatalog.branchDuration, seconds: seconds)
    }

    /// An action of `type` ended with `outcome`.
    public func actionFinished(_ type: ActionType, _ outcome: ExecutionStatus) {
        counter(MetricsCatalog.actions, ["type": type.rawValue, "outcome": outcome.rawValue]).increment()
    }

    /// An SSH connection (with its authentication) took `seconds`.
    public func sshConnected(seconds: Double) {
        observe(MetricsCatalog.sshConnect, seconds: seconds)
    }

    /// A worker claimed `count` tasks.
    public func tasksClaimed(_ count: Int) {
        guard count > 0 else { return }
        counter(MetricsCatalog.tasksClaimed).increment(by: Int64(count))
    }

    /// A worker's task ended; `retried` when it failed and waits for another try.
    public func taskFinished(failed: Bool, retried: Bool) {
        if retried {
            counter(MetricsCatalog.tasksRetried).increment()
        } else {
            counter(MetricsCatalog.tasksFinished, ["outcome": failed ? "failure" : "success"]).increment()
        }
    }

    /// A sweeper took back `count` tasks of lost workers.
    public func tasksLost(_ count: Int) {
        guard count > 0 else { return }
        counter(MetricsCatalog.tasksLost).increment(by: Int64(count))
    }

    /// The scheduler handled `count` occurrences that ended as `status` (fired ones count as `running`).
    public func scheduleOccurrences(_ status: ScheduleExecutionStatus, count: Int) {
        guard count > 0 else { return }
        counter(MetricsCatalog.scheduleOccurrences, ["status": status.rawValue]).increment(by: Int64(count))
    }

    /// A schedule's run was launched `seconds` after its due time.
    public func scheduleLaunched(lateBy seconds: Double) {
        observe(MetricsCatalog.scheduleLateness, seconds: seconds)
    }

    /// An HTTP request on the route template `route` (`unmatched` when none) was answered with `status`.
    public func httpRequest(route: String, method: String, status: Int, seconds: Double) {
        let known = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
        counter(
            MetricsCatalog.httpRequests,
            [
                "route": route, "method": known.contains(method) ? method : "other",
                "status_class": "\(min(5, max(1, status / 100)))xx",
            ]
        ).increment()
        observe(MetricsCatalog.httpDuration, seconds: seconds)
    }

    /// A log-in attempt ended with `outcome`.
    public func login(_ outcome: LoginOutcome) {
        counter(MetricsCatalog.logins, ["outcome": outcome.rawValue]).increment()
    }

    /// Whether this process's scheduler holds the lease.
    public func setLeader(_ leading: Bool) {
        gauge(MetricsCatalog.leader).record(leading ? 1 : 0)
    }

    /// The most connections the database pool opens.
    public func setPoolSize(_ connections: Int) {
        gauge(MetricsCatalog.poolSize).record(connections)
    }

    /// What the sampler read from the database at `time`.
    public func setSampled(_ sample: QueueSample, at time: Date) {
        gauge(MetricsCatalog.queueDepth).record(sample.depth)
        gauge(MetricsCatalog.oldestPending).record(sample.oldestPendingSeconds ?? 0)
        gauge(MetricsCatalog.runningExecutions).record(sample.runningExecutions)
        gauge(MetricsCatalog.liveWorkers).record(sample.liveWorkers)
        gauge(MetricsCatalog.sampled).record(time.timeIntervalSince1970)
    }

    // MARK: Exposition

    /// The Prometheus text format (0.0.4) of every series, from memory only.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// The content type of ``exposition()``.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
}

/// How a log-in attempt ended: a closed set, the label of `enabledrm_logins_total`.
public enum LoginOutcome: String, Sendable, CaseIterable {
    case success
    case invalidCredentials = "invalid_credentials"
    case throttled
    case error
}
