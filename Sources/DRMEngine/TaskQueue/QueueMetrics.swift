import DRMCore
import DRMStore
public import FluentKit
public import Foundation

/// What the queue looks like: depth, running tasks, throughput per minute, latency percentiles and workers — from
/// `celery_task_history` and the workers' snapshots in `celery_metrics_snapshots`.
public struct QueueMetrics: Sendable {
    /// One worker as its latest snapshot shows it.
    public struct WorkerView: Sendable, Hashable, Codable {
        public var name: String
        public var lastSeen: Date
        /// Seen within ``liveWithin``.
        public var live: Bool
        public var slots: Int
        public var active: Int
        public var processed: Int
        public var failed: Int
        /// Tasks it holds now, by the queue's own record.
        public var running: Int

        enum CodingKeys: String, CodingKey {
            case name, live, slots, active, processed, failed, running
            case lastSeen = "last_seen"
        }
    }

    /// The queue at one moment.
    public struct Overview: Sendable, Hashable, Codable {
        public var depth: Int
        public var running: Int
        /// Waiting for a later time (retries with backoff, delayed tasks).
        public var delayed: Int
        /// Tasks ended per minute over the last hour, oldest first (60 values).
        public var succeededPerMinute: [Int]
        public var failedPerMinute: [Int]
        /// Seconds from enqueue to claim, and claim to end, over the tasks of the last hour: p50, p95, p99.
        public var waitSeconds: [String: Double]
        public var runSeconds: [String: Double]
        public var workers: [WorkerView]

        enum CodingKeys: String, CodingKey {
            case depth, running, delayed, workers
            case succeededPerMinute = "succeeded_per_minute"
            case failedPerMinute = "failed_per_minute"
            case waitSeconds = "wait_seconds"
            case runSeconds = "run_seconds"
        }
    }

    /// A worker whose last snapshot is older than this is considered gone.
    public static let liveWithin: TimeInterval = 90

    public let database: any Database
    public var now: @Sendable () -> Date = { Date() }

    public init(database: any Database) {
        self.database = database
    }

    /// Writes a worker's snapshot, and removes snapshots older than a week.
    func recordSnapshot(worker: String, slots: Int, counters: WorkerCounters.Values) async throws {
        let now = now()
        let depth = try await TaskRecord.query(on: database).filter(\.$status ~~ [.pending, .retry]).count()
        let snapshot = QueueMetricsSnapshot()
        snapshot.snapshotUUID = UUID()
        snapshot.snapshotSerial = "SNAP-" + snapshot.snapshotUUID.uuidString.lowercased()
        snapshot.workerName = String(worker.prefix(255))
        snapshot.activeTasks = counters.active
        snapshot.processedTasks = counters.processed
        snapshot.failedTasks = counters.failed
        snapshot.retriedTasks = 0
        snapshot.queueLengths = ["default": .number(Double(depth))]
        snapshot.workerStats = [
            "slots": .number(Double(slots)), "pid": .number(Double(ProcessInfo.processInfo.processIdentifier)),
            "host": .string(ProcessInfo.processInfo.hostName),
        ]
        snapshot.systemLoad = Self.loadAverage().map { .array($0.map(JSONValue.number)) }
        snapshot.memoryUsage = Self.residentBytes().map { ["rss_bytes": .number(Double($0))] }
        snapshot.snapshotTime = now
        try await snapshot.create(on: database)
        try await QueueMetricsSnapshot.query(on: database)
            .filter(\.$snapshotTime < now.addingTimeInterval(-7 * 86_400)).delete()
    }

    /// Names of the workers seen within ``liveWithin``.
    public func liveWorkers() async throws -> [String] {
        let since = now().addingTimeInterval(-Self.liveWithin)
        return Array(
            Set(
                try await QueueMetricsSnapshot.query(on: database).filter(\.$snapshotTime >= since).all().map(
                    \.workerName))
        ).sorted()
    }

    public func overview() async throws -> Overview {
        let now = now()
        let hourAgo = now.addingTimeInterval(-3600)
        let open = try await TaskRecord.query(on: database).filter(\.$status ~~ [.pending, .retry, .started]).all()
        let depth = open.filter { $0.status != .started && ($0.eta ?? now) <= now }.count
        let delayed = open.filter { $0.status != .started && ($0.eta ?? now) > now }.count
        let ended = try await TaskRecord.query(on: database).filter(\.$completedAt >= hourAgo).all()
        var succeeded = [Int](repeating: 0, count: 60)
        var failed = [Int](repeating: 0, count: 60)
        var waits: [Double] = []
        var runs: [Double] = []
        for task in ended {
            guard let completed = task.completedAt else { continue }
            let minute = min(59, max(0, 59 - Int(now.timeIntervalSince(completed) / 60)))
            if task.status == .success {
                succeeded[minute] += 1
            } else if task.status == .failure {
                failed[minute] += 1
            }
            if let started = task.startedAt {
                runs.append(completed.timeIntervalSince(started))
                if let created = task.createdAt { waits.append(max(0, started.timeIntervalSince(created))) }
            }
        }
        let snapshots = try await QueueMetricsSnapshot.query(on: database)
            .filter(\.$snapshotTime >= now.addingTimeInterval(-86_400)).sort(\.$snapshotTime, .descending).all()
        var workers: [String: WorkerView] = [:]
        for snapshot in snapshots where workers[snapshot.workerName] == nil {
            let seen = snapshot.snapshotTime ?? .distantPast
            let slots: Int = if case .number(let n)? = snapshot.workerStats?["slots"] { Int(n) } else { 0 }
            workers[snapshot.workerName] = WorkerView(
                name: snapshot.workerName, lastSeen: seen, live: now.timeIntervalSince(seen) <= Self.liveWithin,
                slots: slots, active: snapshot.activeTasks ?? 0, processed: snapshot.processedTasks ?? 0,
                failed: snapshot.failedTasks ?? 0,
                running: open.filter { $0.status == .started && $0.worker == snapshot.workerName }.count)
        }
        return Overview(
            depth: depth, running: open.filter { $0.status == .started }.count, delayed: delayed,
            succeededPerMinute: succeeded, failedPerMinute: failed, waitSeconds: Self.percentiles(waits),
            runSeconds: Self.percentiles(runs),
            workers: workers.values.sorted { ($0.live ? 0 : 1, $0.name) < ($1.live ? 0 : 1, $1.name) })
    }

    /// p50, p95 and p99 of `values` (nearest rank); empty when there are none.
    static func percentiles(_ values: [Double]) -> [String: Double] {
        guard !values.isEmpty else { return [:] }
        let sorted = values.sorted()
        func rank(_ p: Double) -> Double {
            sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
        }
        return ["p50": rank(0.5), "p95": rank(0.95), "p99": rank(0.99)]
    }

    static func loadAverage() -> [Double]? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").prefix(3).compactMap { Double($0) }
    }

    static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return pages * 4096
    }
}
