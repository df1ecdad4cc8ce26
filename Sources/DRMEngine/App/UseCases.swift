public import DRMCore
import DRMStore
public import FluentKit
public import Foundation
public import Logging
public import NIOCore

/// The use cases and queries of one caller (a web request), each built on one database of the environment's pool
/// — with the caller's logger and event loop — and audited as the caller. The web layer builds one per request
/// (`Request+Engine.swift`) and so never touches the database itself.
public struct UseCases: Sendable {
    public let environment: AppEnvironment
    /// Who the changes are recorded as.
    public let audit: AuditTrail
    let database: any Database

    init(environment: AppEnvironment, database: any Database, audit: AuditTrail) {
        self.environment = environment
        self.database = database
        self.audit = audit
    }

    /// The authentication use cases, counting failed log-ins with `throttle`.
    public func authSessions(throttle: LoginThrottle) -> AuthSessions {
        AuthSessions(
            database: database, hasher: environment.hasher, signer: environment.signer, throttle: throttle,
            audit: audit)
    }

    /// Account changes.
    public var userAccounts: UserAccounts {
        UserAccounts(database: database, hasher: environment.hasher, audit: audit)
    }

    /// Reads of the accounts.
    public var users: UserQueries { UserQueries(database: database) }

    /// Reads of the sign-in sessions.
    public var sessions: SessionQueries { SessionQueries(database: database) }

    /// The system settings.
    public var settings: SystemSettings { SystemSettings(database: database) }

    /// Searches of the audit log.
    public var auditLog: AuditSearch { AuditSearch(database: database) }

    /// Records `action` in the audit log as this caller.
    public func record(
        _ action: AuditAction, outcome: AuditOutcome = .success, severity: AuditSeverity = .info,
        details: JSONValue = [:]
    ) async throws {
        try await audit.record(action, outcome: outcome, severity: severity, details: details, on: database)
    }

    /// The target use cases.
    public var targets: TargetInventory {
        TargetInventory(database: database, vault: environment.vault, audit: audit)
    }

    /// Connection tests; `mayTrustNewHostKeys` lets a password go to a server whose host key isn't pinned.
    public func connectionTester(mayTrustNewHostKeys: Bool) -> ConnectionTester {
        var tester = ConnectionTester(database: database, vault: environment.vault, audit: audit)
        tester.mayTrustNewHostKeys = mayTrustNewHostKeys
        return tester
    }

    /// Pinned and offered SSH host keys, and accepting offered ones.
    public var hostKeyReview: HostKeyReview { HostKeyReview(database: database, audit: audit) }

    /// Changes to the device-type catalog.
    public var deviceTypeCatalog: DeviceTypeCatalog { DeviceTypeCatalog(database: database, audit: audit) }

    /// Reads of the device-type catalog.
    public var deviceTypes: DeviceTypeQueries { DeviceTypeQueries(database: database) }

    /// Target templates.
    public var deviceTypeTemplates: DeviceTypeTemplates { DeviceTypeTemplates(database: database, audit: audit) }

    /// What goes beside a list of jobs.
    public var jobList: JobListQueries { JobListQueries(database: database) }

    /// The task queue's figures.
    public var queueMetrics: QueueMetrics { QueueMetrics(database: database) }

    /// Reads of the task history.
    public var tasks: TaskQueries { TaskQueries(database: database) }

    /// The dashboard's figures at `now`.
    public func dashboardFigures(now: Date, withAudit: Bool) async throws -> DashboardFigures {
        try await DashboardFigures.load(on: database, now: now, withAudit: withAudit)
    }

    /// Stored discovery runs, within the configured allowed ranges.
    public var discoveryRuns: DiscoveryRuns {
        DiscoveryRuns(database: database, audit: audit, allowed: environment.config.discoveryAllowedRanges)
    }

    /// The review and import of discovered devices.
    public var discoveryReview: DiscoveryReview {
        DiscoveryReview(database: database, vault: environment.vault, audit: audit)
    }

    /// Saved discovery configurations.
    public var discoveryTemplates: DiscoveryTemplates {
        DiscoveryTemplates(database: database, audit: audit, allowed: environment.config.discoveryAllowedRanges)
    }

    /// Where the database's schema stands.
    public var schemaStatus: SchemaStatus { SchemaStatus(database: database) }
}

extension AppEnvironment {
    /// The use cases of one caller: on this environment's connection pool, with the caller's logger and event loop
    /// (a web request's), recorded in the audit log as `audit`.
    public func useCases(logger: Logger, on eventLoop: any EventLoop, audit: AuditTrail) -> UseCases {
        UseCases(
            environment: self, database: handle.databases.database(.main, logger: logger, on: eventLoop)!,
            audit: audit)
    }
}
