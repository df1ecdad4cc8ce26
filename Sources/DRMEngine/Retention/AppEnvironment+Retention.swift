import DRMCore
import Foundation

extension AppEnvironment {
    /// Retention's purge on this environment's database and clock.
    public var retentionPurge: RetentionPurge { RetentionPurge(database: database, now: now) }

    /// The retention service of this process (with the scheduler), holding the `retention` lease as `holder`.
    public func retentionService(holder: String) -> RetentionService {
        RetentionService(
            purge: retentionPurge, settings: SystemSettings(database: database),
            lease: SchedulerLeaseRow(database: database, name: RetentionService.leaseName), holder: holder)
    }
}
