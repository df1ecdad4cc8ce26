public import DRMCore
public import DRMRemote
public import DRMSchema
public import DRMStore
public import FluentKit
public import Foundation
public import Logging
public import SQLKit
public import ServiceLifecycle
import UnixSignals

/// Everything one process of EnableDRM works with, built once from its ``AppConfig``: the database, the credential
/// vault and token signer of the one secret key, the clock, the remote clients and the use cases on them.
/// `serve`, `worker`, every CLI command and the tests open one, hand it around, and shut it down once.
public struct AppEnvironment: Sendable {
    /// The configuration, with its secret key resolved.
    public let config: AppConfig
    /// The open database; a web request's use cases run on its pool (``useCases(logger:on:audit:)``).
    public let handle: DatabaseHandle
    /// Encrypts and decrypts stored credentials under the secret key.
    public let vault: CredentialVault
    /// Signs and verifies session tokens under the secret key.
    public let signer: TokenSigner
    /// Hashes passwords (bcrypt, wired by the web layer).
    public var hasher: PasswordHashClient
    public var now: @Sendable () -> Date
    public let http: HTTPRequestClient
    public var logger: Logger
    /// Jobs, executions and the task queue on this environment's database and clients.
    public var jobs: JobEngine
    /// The instruments of `GET /metrics` (the same as `jobs.instruments`).
    public let metrics: EngineMetrics

    /// Opens the environment of `config`: resolves and decodes the secret key (the only place it is decoded) and
    /// opens the database; nothing connects before the first query.
    public static func open(
        _ config: AppConfig, hasher: PasswordHashClient, logger: Logger = Logger(label: "enabledrm")
    ) throws -> AppEnvironment {
        let config = try SecretKeyFile.resolve(config)
        guard let secret = config.secretKey.flatMap({ Data(base64Encoded: $0) }), secret.count == 32 else {
            throw ConfigError(
                problems: [.init(key: "secret_key", source: "configuration", reason: .invalid("missing"))])
        }
        // Commands report a database failure in one line; the driver's own logs show only when debugging.
        var databaseLogger = Logger(label: "enabledrm.database")
        databaseLogger.logLevel = config.logLevel <= .debug ? .debug : .critical
        let handle = try DatabaseHandle(url: config.databaseURL, logger: databaseLogger)
        let vault = CredentialVault(current: CredentialKey(secretKey: secret))
        let http = HTTPRequestClient()
        let now: @Sendable () -> Date = { Date() }
        var jobs = JobEngine(
            database: handle.database, vault: vault, http: http, dataDirectory: URL(filePath: config.dataDirectory))
        jobs.lease = .seconds(config.workerLeaseSeconds)
        jobs.now = now
        let metrics = EngineMetrics(startedAt: now())
        metrics.setPoolSize(handle.poolSize)
        jobs.instruments = metrics
        return AppEnvironment(
            config: config, handle: handle, vault: vault, signer: TokenSigner(secretKey: secret), hasher: hasher,
            now: now, http: http, logger: logger, jobs: jobs, metrics: metrics)
    }

    /// Closes the remote clients and the database: the one shutdown of every process and test.
    public func shutdown() async {
        try? await http.shutdown()
        await handle.shutdown()
    }

    /// Runs `body` with an environment of `config` and shuts it down afterwards, whether `body` threw or not.
    public static func with<T>(
        _ config: AppConfig, hasher: PasswordHashClient, logger: Logger = Logger(label: "enabledrm"),
        _ body: (AppEnvironment) async throws -> T
    ) async throws -> T {
        let environment = try open(config, hasher: hasher, logger: logger)
        let result: T
        do {
            result = try await body(environment)
        } catch {
            await environment.shutdown()
            throw error
        }
        await environment.shutdown()
        return result
    }

    /// The SSH client of runs and connection tests.
    public var ssh: SSHClient { jobs.ssh }

    /// The database for models and queries.
    public var database: any Database { handle.database }

    /// The same database for hand-written SQL and the schema tools.
    public var sql: any SQLDatabase { handle.sql }

    // MARK: Use cases

    /// Targets, their methods and credentials, acting as `audit`'s actor.
    public func targets(_ audit: AuditTrail) -> TargetInventory {
        TargetInventory(database: database, vault: vault, audit: audit, now: now)
    }

    /// Pinned and offered SSH host keys, acting as `audit`'s actor.
    public func hostKeyReview(_ audit: AuditTrail) -> HostKeyReview {
        HostKeyReview(database: database, audit: audit)
    }

    /// Connection tests of targets' methods, acting as `audit`'s actor.
    public func connectionTester(_ audit: AuditTrail) -> ConnectionTester {
        var tester = ConnectionTester(database: database, vault: vault, audit: audit)
        tester.now = now
        return tester
    }

    /// User accounts, acting as `audit`'s actor.
    public func accounts(_ audit: AuditTrail) -> UserAccounts {
        UserAccounts(database: database, hasher: hasher, audit: audit)
    }

    /// The schema's migrations on this database.
    public var migrator: DRMSchema.Migrator { DRMSchema.Migrator(database: sql) }

    // MARK: Services

    /// The long-running services of a process — `extra` (e.g. the HTTP server), a queue worker named `worker`
    /// with the configured slots (unless `nil`), the scheduler and retention when `scheduler` — in one group that shuts down
    /// gracefully on SIGTERM and SIGINT.
    public func serviceGroup(
        worker: String?, scheduler: Bool = false, extra: [any Service] = [], label: String
    ) -> ServiceGroup {
        var services = extra
        if let worker { services.append(jobs.worker(name: worker, slots: config.workerSlots)) }
        if scheduler {
            services.append(schedulerService(holder: SchedulerService.defaultHolder()))
            services.append(retentionService(holder: SchedulerService.defaultHolder(prefix: "retention")))
        }
        services.append(MetricsSampler(database: database, metrics: metrics))
        services.append(HealthSnapshotService(check: health, holder: SchedulerService.defaultHolder(prefix: "health")))
        return ServiceGroup(
            configuration: .init(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: label)))
    }

    /// The platform's health as this process sees it (`GET /api/v1/system/health`, the system page, snapshots).
    public var health: SystemHealthCheck {
        var check = SystemHealthCheck(
            database: database, dataDirectory: config.dataDirectory, startedAt: metrics.startedAt)
        check.now = now
        return check
    }

    /// The scheduler of this process, holding the lease as `holder`.
    public func schedulerService(holder: String) -> SchedulerService {
        SchedulerService(
            firing: ScheduleFiring(engine: jobs, now: now), lease: SchedulerLeaseRow(database: database),
            holder: holder)
    }

    /// Schedules and their preview, acting as `audit`'s actor.
    public func schedules(_ audit: AuditTrail) -> ScheduleCatalog {
        ScheduleCatalog(database: database, audit: audit, now: now)
    }

    /// Notification destinations, acting as `audit`'s actor.
    public func notificationDestinations(_ audit: AuditTrail) -> NotificationDestinations {
        NotificationDestinations(database: database, vault: vault, audit: audit)
    }

    /// The delivery log, redelivery and test messages, acting as `audit`'s actor.
    public func notificationDeliveries(_ audit: AuditTrail) -> NotificationDeliveries {
        NotificationDeliveries(database: database, audit: audit, now: now)
    }

    /// The scheduler's pass, for trigger-now.
    public var scheduleFiring: ScheduleFiring { ScheduleFiring(engine: jobs, now: now) }
}
