import DRMCore
import FluentKit
public import Foundation
public import Logging
public import ServiceLifecycle
import Synchronization

/// The scheduler (`Service`), in `serve` and in `enabledrm scheduler`: the node holding the lease
/// (`SchedulerLeaseRow`) fires due schedules in batches (`ScheduleFiring`); the others renew nothing and try to take
/// the lease every `retryInterval`, so one of them takes over within `leaseDuration + retryInterval` of the
/// leader's death. The leader sleeps until the next due instant, never longer than `renewInterval`, so a long
/// poll never makes it late. On graceful shutdown it finishes its pass and gives the lease up.
public struct SchedulerService: Service {
    public let firing: ScheduleFiring
    public let lease: SchedulerLeaseRow
    public let holder: String
    /// How long a taken lease holds without renewal.
    public var leaseDuration: TimeInterval = 10
    /// How often the leader renews (it also renews before every pass).
    public var renewInterval: TimeInterval = 2
    /// How often a follower tries to take the lease: once a second, so a takeover comes within about a second of
    /// the dead leader's lease expiring (an occurrence due meanwhile is that late).
    public var retryInterval: TimeInterval = 1
    public var logger = Logger(label: "enabledrm.scheduler")

    public init(firing: ScheduleFiring, lease: SchedulerLeaseRow, holder: String) {
        self.firing = firing
        self.lease = lease
        self.holder = holder
        logger[metadataKey: "component"] = "scheduler"
        logger[metadataKey: "holder"] = "\(holder)"
    }

    /// `scheduler@<host>-<pid>`.
    public static func defaultHolder(prefix: String = "scheduler") -> String {
        "\(prefix)@\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    public func run() async throws {
        let stopping = Mutex(false)
        logger.info("scheduler started")
        await withGracefulShutdownHandler {
            var leading = false
            var continuing = false
            while !stopping.withLock({ $0 }), !Task.isCancelled {
                let pause = await step(leading: &leading, continuing: &continuing)
                try? await Task.sleep(for: .milliseconds(Int(max(0, pause) * 1000)))
            }
            if leading, !lease.isSingleNode {
                try? await lease.release(holder: holder)
                logger.info("gave the scheduler lease up")
            }
        } onGracefulShutdown: {
            stopping.withLock { $0 = true }
        }
        logger.info("scheduler stopped")
    }

    /// One round: take or renew the lease, fire what is due if leading; how long to sleep. `continuing`: the last
    /// round left due schedules (a full batch), so this one only fires.
    func step(leading: inout Bool, continuing: inout Bool) async -> TimeInterval {
        defer { if !leading { continuing = false } }
        let now = firing.now()
        do {
            let held =
                lease.isSingleNode
                ? true : try await lease.acquire(holder: holder, now: now, duration: leaseDuration)
            if held != leading {
                logger.notice(held ? "took the scheduler lease" : "lost the scheduler lease")
                leading = held
            }
            firing.engine.instruments?.setLeader(held)
        } catch {
            logger.warning("lease failed", metadata: ["error": "\(String(reflecting: error))"])
            leading = false
            firing.engine.instruments?.setLeader(false)
            return retryInterval
        }
        guard leading else { return retryInterval }
        do {
            let report = try await firing.tick(firingOnly: continuing)
            continuing = report.moreDue
            if report.fired + report.skipped + report.missed + report.buffered + report.failed > 0 {
                logger.info(
                    "fired schedules",
                    metadata: [
                        "fired": "\(report.fired)", "skipped": "\(report.skipped)", "missed": "\(report.missed)",
                        "buffered": "\(report.buffered)", "failed": "\(report.failed)",
                    ])
            }
            if report.moreDue { return 0 }
            let untilDue = report.nextDue.map { $0.timeIntervalSince(firing.now()) } ?? renewInterval
            return min(renewInterval, max(0, untilDue))
        } catch {
            logger.warning("scheduler pass failed", metadata: ["error": "\(String(reflecting: error))"])
            continuing = false
            return retryInterval
        }
    }
}
