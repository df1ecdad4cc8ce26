public import DRMCore
import DRMStore
import FluentKit
import Foundation

extension AppEnvironment {
    /// Stored discovery runs, recorded as `audit`, within the configured allowed ranges.
    public func discoveryRuns(_ audit: AuditTrail) -> DiscoveryRuns {
        DiscoveryRuns(database: database, audit: audit, allowed: config.discoveryAllowedRanges, now: now)
    }

    /// The review and import of discovered devices, recorded as `audit`.
    public func discoveryReview(_ audit: AuditTrail) -> DiscoveryReview {
        DiscoveryReview(database: database, vault: vault, audit: audit, now: now)
    }

    /// Saved discovery configurations, recorded as `audit`.
    public func discoveryTemplates(_ audit: AuditTrail) -> DiscoveryTemplates {
        DiscoveryTemplates(database: database, audit: audit, allowed: config.discoveryAllowedRanges)
    }

    /// Runs a stored run in this process, as worker `worker` would (for commands that wait for their run): claims its
    /// task, holds its lease while it runs. Returns at once when another worker has claimed it already.
    public func runDiscoveryInProcess(_ runID: Int, worker: String) async throws -> DiscoveryRunRecord {
        let runs = discoveryRuns(AuditTrail(.cli))
        guard let row = try await DiscoveryJob.find(runID, on: database), let taskID = row.taskID,
            let task = try await TaskRecord.query(on: database).filter(\.$taskID == taskID).first(),
            let claimed = try await jobs.queue.claim(id: try task.requireID(), worker: worker)
        else { return try await runs.detail(runID) }
        await jobs.queue.hold(claimed, worker: worker) {
            try await DiscoveryRunner(database: database).execute(claimed)
        }
        return try await runs.detail(runID)
    }
}
