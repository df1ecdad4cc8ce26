import DRMCore
import DRMEngine
import Fluent
import Vapor

// The one place a request reaches the database: every use case and query a handler calls is built here, on the
// request's database and audited as the request's user. Handlers import the engine, never Fluent.
extension Request {
    /// The authentication use cases.
    var authSessions: AuthSessions {
        let state = application.storage[AuthStateKey.self]!
        return AuthSessions(
            database: db, hasher: application.environment.hasher, signer: state.signer, throttle: state.throttle,
            audit: audit)
    }

    /// Account changes.
    var userAccounts: UserAccounts { UserAccounts(database: db, hasher: application.environment.hasher, audit: audit) }

    /// Reads of the accounts.
    var users: UserQueries { UserQueries(database: db) }

    /// Reads of the sign-in sessions.
    var sessions: SessionQueries { SessionQueries(database: db) }

    /// The system settings.
    var settings: SystemSettings { SystemSettings(database: db) }

    /// Searches of the audit log.
    var auditLog: AuditSearch { AuditSearch(database: db) }

    /// Records `action` in the audit log as this request's user.
    func record(
        _ action: AuditAction, outcome: AuditOutcome = .success, severity: AuditSeverity = .info,
        details: JSONValue = [:]
    ) async throws {
        try await audit.record(action, outcome: outcome, severity: severity, details: details, on: db)
    }

    /// The target use cases.
    var targets: TargetInventory {
        guard let vault = application.storage[CredentialVaultKey.self] else {
            fatalError("configure(_:config:) was not called")
        }
        return TargetInventory(database: db, vault: vault, audit: audit)
    }

    /// Connection tests; only an administrator's may send a password to a server whose host key isn't pinned.
    var connectionTester: ConnectionTester {
        var tester = ConnectionTester(database: db, vault: application.storage[CredentialVaultKey.self]!, audit: audit)
        tester.mayTrustNewHostKeys = (try? principal.role) == .administrator
        return tester
    }

    /// Changes to the device-type catalog.
    var deviceTypeCatalog: DeviceTypeCatalog { DeviceTypeCatalog(database: db, audit: audit) }

    /// Reads of the device-type catalog.
    var deviceTypes: DeviceTypeQueries { DeviceTypeQueries(database: db) }

    /// Target templates.
    var deviceTypeTemplates: DeviceTypeTemplates { DeviceTypeTemplates(database: db, audit: audit) }

    /// What goes beside a list of jobs.
    var jobList: JobListQueries { JobListQueries(database: db) }

    /// The task queue's figures.
    var queueMetrics: QueueMetrics { QueueMetrics(database: db) }

    /// Reads of the task history.
    var tasks: TaskQueries { TaskQueries(database: db) }

    /// The dashboard's figures at `now`.
    func dashboardFigures(now: Date, withAudit: Bool) async throws -> DashboardFigures {
        try await DashboardFigures.load(on: db, now: now, withAudit: withAudit)
    }

    /// The dashboard's figures of runs that ended since `since`.
    func executionFigures(since: Date) async throws -> ExecutionFigures {
        try await ExecutionFigures.load(jobs.query, since: since)
    }

    /// Where the database's schema stands.
    var schemaStatus: SchemaStatus { SchemaStatus(database: db) }
}
