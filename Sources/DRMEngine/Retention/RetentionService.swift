import DRMCore
public import Foundation
public import Logging
public import ServiceLifecycle
import Synchronization

/// Retention (`Service`), in `serve` and `enabledrm scheduler`: every `interval` the node holding the `retention`
/// lease (a row of `scheduler_leases`, like the scheduler's; SQLite's one node always holds it) purges what the
/// settings' policy says (``RetentionPurge``), renewing the lease between batches and stopping when it loses it or
/// shuts down.
public struct RetentionService: Service {
    public let purge: RetentionPurge
    public let settings: SystemSettings
    public let lease: SchedulerLeaseRow
    public let holder: String
    public var interval: TimeInterval = 3600
    public var leaseDuration: TimeInterval = 60
    public var logger = Logger(label: "enabledrm.retention")

    /// The lease row's name.
    public static let leaseName = "retention"

    public init(purge: RetentionPurge, settings: SystemSettings, lease: SchedulerLeaseRow, holder: String) {
        self.purge = purge
        self.settings = settings
        self.lease = lease
        self.holder = holder
        logger[metadataKey: "component"] = "retention"
    }

    /// Set on graceful shutdown; a purge stops at its next batch.
    final class Stop: Sendable {
        private let flag = Mutex(false)
        var isSet: Bool { flag.withLock { $0 } }
        func set() { flag.withLock { $0 = true } }
    }

    public func run() async throws {
        let stopping = Stop()
        await withGracefulShutdownHandler {
            while !stopping.isSet, !Task.isCancelled {
                await pass(stopping: stopping)
                // The pause ends at once on graceful shutdown: a process that is asked to stop doesn't wait an hour.
                let interval = interval
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
            }
        } onGracefulShutdown: {
            stopping.set()
        }
    }

    /// One purge if this node leads.
    func pass(stopping: Stop) async {
        let lease = lease
        let holder = holder
        let duration = leaseDuration
        let now = purge.now
        do {
            if !lease.isSingleNode {
                guard try await lease.acquire(holder: holder, now: now(), duration: duration) else { return }
            }
            let policy = try await settings.retentionPolicy()
            let figures = try await purge.run(policy, audit: AuditTrail(.system, now: now)) {
                if stopping.isSet { throw CancellationError() }
                if !lease.isSingleNode {
                    guard try await lease.acquire(holder: holder, now: now(), duration: duration) else {
                        throw CancellationError()
                    }
                }
            }
            logger.info(
                "retention purged",
                metadata: .init(uniqueKeysWithValues: figures.map { ($0.kind.rawValue, "\($0.rows)") }))
        } catch is CancellationError {
            logger.notice("retention stopped before the end of its pass")
        } catch {
            logger.warning("retention pass failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}
