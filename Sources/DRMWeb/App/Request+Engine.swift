import DRMCore
import DRMEngine
import Vapor

// The one place a request reaches the engine: every use case and query a handler calls comes from the request's
// `UseCases` (on the environment's pool, with the request's logger and event loop, audited as the request's
// user). Handlers import the engine, never Fluent.
extension Request {
    /// The use cases of this request.
    var useCases: UseCases { application.environment.useCases(logger: logger, on: eventLoop, audit: audit) }

    /// The authentication use cases.
    var authSessions: AuthSessions { useCases.authSessions(throttle: application.storage[AuthStateKey.self]!.throttle) }

    /// Account changes.
    var userAccounts: UserAccounts { useCases.userAccounts }

    /// Reads of the accounts.
    var users: UserQueries { useCases.users }

    /// Reads of the sign-in sessions.
    var sessions: SessionQueries { useCases.sessions }

    /// The system settings.
    var settings: SystemSettings { useCases.settings }

    /// Searches of the audit log.
    var auditLog: AuditSearch { useCases.auditLog }

    /// Records `action` in the audit log as this request's user.
    func record(
        _ action: AuditAction, outcome: AuditOutcome = .success, severity: AuditSeverity = .info,
        details: JSONValue = [:]
    ) async throws {
        try await useCases.record(action, outcome: outcome, severity: severity, details: details)
    }

    /// The target use cases.
    var targets: TargetInventory { useCases.targets }

    /// Connection tests; only an administrator's may send a password to a server whose host key isn't pinned.
    var connectionTester: ConnectionTester {
        useCases.connectionTester(mayTrustNewHostKeys: (try? principal.role) == .administrator)
    }

    /// Pinned and offered SSH host keys, and accepting offered ones.
    var hostKeyReview: HostKeyReview { useCases.hostKeyReview }

    /// Changes to the device-type catalog.
    var deviceTypeCatalog: DeviceTypeCatalog { useCases.deviceTypeCatalog }

    /// Reads of the device-type catalog.
    var deviceTypes: DeviceTypeQueries { useCases.deviceTypes }

    /// Target templates.
    var deviceTypeTemplates: DeviceTypeTemplates { useCases.deviceTypeTemplates }

    /// What goes beside a list of jobs.
    var jobList: JobListQueries { useCases.jobList }

    /// The task queue's figures.
    var queueMetrics: QueueMetrics { useCases.queueMetrics }

    /// Reads of the task history.
    var tasks: TaskQueries { useCases.tasks }

    /// The dashboard's figures at `now`.
    func dashboardFigures(now: Date, withAudit: Bool) async throws -> DashboardFigures {
        try await useCases.dashboardFigures(now: now, withAudit: withAudit)
    }

    /// The dashboard's figures of runs that ended since `since`.
    func executionFigures(since: Date) async throws -> ExecutionFigures {
        try await ExecutionFigures.load(jobs.query, since: since)
    }

    /// Where the database's schema stands.
    var schemaStatus: SchemaStatus { useCases.schemaStatus }

    /// The data directory (the SQLite database, the secret key, files and downloads).
    var dataDirectory: String { application.environment.config.dataDirectory }
}
