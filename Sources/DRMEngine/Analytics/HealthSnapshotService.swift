public import DRMCore
import DRMStore
public import FluentKit
public import Foundation
public import Logging
public import ServiceLifecycle

/// Writes a row of `system_health_snapshots` every ``interval`` (the original's beat task) from one node only:
/// the holder of the `health-snapshots` lease of `scheduler_leases` (on SQLite the one process). Each row keeps the
/// whole ``SystemHealth`` in `system_data`; rows older than a week are removed. Workers write
/// `celery_metrics_snapshots` themselves, as their heartbeat (``QueueWorker``).
public struct HealthSnapshotService: Service {
    public static let leaseName = "health-snapshots"

    public let check: SystemHealthCheck
    public let holder: String
    public var interval: Duration = .seconds(60)
    public var logger = Logger(label: "enabledrm.health")

    public init(check: SystemHealthCheck, holder: String) {
        self.check = check
        self.holder = holder
        logger[metadataKey: "component"] = "health-snapshots"
    }

    var database: any Database { check.database }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await step()
                } catch {
                    logger.warning("health snapshot failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Takes or renews the lease and, when held, writes one snapshot; whether it wrote.
    @discardableResult
    public func step() async throws -> Bool {
        let lease = SchedulerLeaseRow(database: database, name: Self.leaseName)
        let now = check.now()
        let seconds = Double(interval.components.seconds)
        let leads =
            lease.isSingleNode ? true : try await lease.acquire(holder: holder, now: now, duration: seconds * 2.5)
        guard leads else { return false }
        try await write(await check.read())
        return true
    }

    func write(_ health: SystemHealth) async throws {
        let row = HealthSnapshot()
        row.timestamp = health.checkedAt
        row.activeJobs = health.queue?.runningExecutions
        row.queuedJobs = health.queue?.depth
        row.jobQueueSize = health.queue?.depth
        row.avgQueueWaitTime = health.queue?.oldestPendingSeconds
        row.totalTargets = try await Target.query(on: database).count()
        if let free = health.disk.freeBytes, let total = health.disk.totalBytes, total > 0 {
            row.diskUsagePercent = 100 * Double(total - free) / Double(total)
        }
        row.systemData = try JSONValue(encoding: health)
        try await row.create(on: database)
        try await HealthSnapshot.query(on: database)
            .filter(\.$timestamp < health.checkedAt.addingTimeInterval(-7 * 86_400)).delete()
    }
}
