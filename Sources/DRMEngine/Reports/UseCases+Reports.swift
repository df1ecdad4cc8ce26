import DRMCore
import Foundation

extension UseCases {
    /// Report runs, audited as this caller.
    public var reportRuns: ReportRuns { ReportRuns(database: database, audit: audit, now: environment.now) }

    /// Retention's purge and plan.
    public var retentionPurge: RetentionPurge { RetentionPurge(database: database, now: environment.now) }

    /// Pinning executions, audited as this caller.
    public var executionPins: ExecutionPins { ExecutionPins(database: database, audit: audit, now: environment.now) }
}
