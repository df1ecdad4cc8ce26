/// Every series family `/metrics` shows: its name, help text and, for histograms, buckets. The instruments are
/// made through swift-metrics by these names; ``DescribedMetricsFactory`` gives the Prometheus registry the help
/// text and buckets of each. No label takes values that grow with the data (no target, execution or user ids):
/// outcomes, action types, route templates and status classes are closed sets.
public enum MetricsCatalog {
    /// One family of series.
    public struct Family: Sendable {
        public var name: String
        public var help: String
        /// Histogram buckets in seconds; empty for counters and gauges.
        public var buckets: [Double] = []
    }

    static let prefix = "enabledrm_"

    // Counters.
    static let executions = Family(name: "enabledrm_executions_total", help: "Executions ended, by outcome.")
    static let branches = Family(
        name: "enabledrm_branches_total", help: "Branches (one target of an execution) ended, by outcome.")
    static let actions = Family(name: "enabledrm_actions_total", help: "Actions run, by action type and outcome.")
    static let tasksClaimed = Family(
        name: "enabledrm_tasks_claimed_total", help: "Queue tasks claimed by this process's workers.")
    static let tasksFinished = Family(
        name: "enabledrm_tasks_finished_total", help: "Queue tasks ended by this process's workers, by outcome.")
    static let tasksRetried = Family(
        name: "enabledrm_tasks_retried_total", help: "Queue tasks that failed and went back to wait for a retry.")
    static let tasksLost = Family(
        name: "enabledrm_tasks_lost_total", help: "Tasks of lost workers taken back by this process's sweeper.")
    static let scheduleOccurrences = Family(
        name: "enabledrm_schedule_occurrences_total",
        help: "Schedule occurrences this process's scheduler handled, by status.")
    static let httpRequests = Family(
        name: "enabledrm_http_requests_total",
        help: "HTTP requests answered, by route template, method and status class.")
    static let logins = Family(name: "enabledrm_logins_total", help: "Log-in attempts, by outcome.")

    // Histograms.
    static let jobBuckets: [Double] = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600]
    static let fastBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    static let executionDuration = Family(
        name: "enabledrm_execution_duration_seconds", help: "Time from an execution's start to its end.",
        buckets: jobBuckets)
    static let branchDuration = Family(
        name: "enabledrm_branch_duration_seconds", help: "Time from a branch's start to its end.",
        buckets: jobBuckets)
    static let queueWait = Family(
        name: "enabledrm_queue_wait_seconds", help: "Time from an execution's queueing to its start.",
        buckets: jobBuckets)
    static let scheduleLateness = Family(
        name: "enabledrm_schedule_lateness_seconds",
        help: "Time from a schedule occurrence's due time to its run's launch.", buckets: fastBuckets + [30, 60, 300])
    static let sshConnect = Family(
        name: "enabledrm_ssh_connect_seconds", help: "Time to connect and authenticate to a target over SSH.",
        buckets: fastBuckets)
    static let httpDuration = Family(
        name: "enabledrm_http_request_duration_seconds", help: "Time to answer an HTTP request.",
        buckets: fastBuckets)

    // Gauges.
    static let queueDepth = Family(
        name: "enabledrm_queue_depth", help: "Queue tasks due and waiting for a worker (as last sampled).")
    static let oldestPending = Family(
        name: "enabledrm_queue_oldest_pending_seconds",
        help: "Age of the oldest task due and waiting for a worker (as last sampled).")
    static let runningExecutions = Family(
        name: "enabledrm_executions_running", help: "Executions running (as last sampled).")
    static let liveWorkers = Family(
        name: "enabledrm_workers_live", help: "Queue workers whose heartbeat is recent (as last sampled).")
    static let leader = Family(
        name: "enabledrm_scheduler_leader", help: "1 when this process's scheduler holds the scheduler lease.")
    static let poolSize = Family(
        name: "enabledrm_database_pool_connections_max", help: "Database connections this process's pool may open.")
    static let sampled = Family(
        name: "enabledrm_metrics_sampled_timestamp_seconds",
        help: "When the sampler last refreshed the gauges that need the database (Unix time).")
    static let started = Family(
        name: "enabledrm_process_start_time_seconds", help: "When this process started (Unix time).")

    /// Every family, by name.
    public static let families: [String: Family] = Dictionary(
        uniqueKeysWithValues: [
            executions, branches, actions, tasksClaimed, tasksFinished, tasksRetried, tasksLost, scheduleOccurrences,
            httpRequests, logins, executionDuration, branchDuration, queueWait, scheduleLateness, sshConnect,
            httpDuration, queueDepth, oldestPending, runningExecutions, liveWorkers, leader, poolSize,
            sampled, started,
        ].map { ($0.name, $0) })
}
