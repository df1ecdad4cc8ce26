import ArgumentParser
import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMWeb
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals
import Vapor

/// `enabledrm serve`: upgrades the schema to head and runs every role (API, UI, workers, scheduler) in one process.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run EnableDRM: upgrade the database to head, then serve the API and UI.",
        discussion: "Without flags it uses SQLite in ./enabledrm-data/ and listens on 127.0.0.1:8080."
    )

    @OptionGroup var listen: ListenOptions
    @OptionGroup var worker: WorkerOptions
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        // The port first: a busy port must not leave a new database, a key or a shown-once password behind.
        let planned = try await reportingErrors { try options.load(more: listen.flags) }
        if let problem = PortCheck.problem(host: planned.host, port: planned.port) {
            printError("can't listen on \(planned.host):\(planned.port): \(problem)")
            throw ExitCode(1)
        }
        try await withEnvironment(options, more: listen.flags.merging(worker.flags) { $1 }, creating: true) {
            environment in
            let logger = Logger(label: "enabledrm.serve")
            // A server that can't write would report ready while every change fails: refuse to start instead.
            if let problem = DataDirectoryProbe(path: environment.config.dataDirectory).problem() {
                printError("\(problem); serve needs to write there")
                throw ExitCode(1)
            }
            let app = try await Application.make(.production)
            do {
                try await configure(app, environment)
                try await prepareDatabase(environment, logger: logger)
                try await environment.serviceGroup(
                    worker: QueueWorker.defaultName(prefix: "serve"), scheduler: true,
                    extra: [HTTPServerService(app: app)],
                    label: "enabledrm.serve"
                ).run()
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
    }
}

/// Brings the schema to head and makes sure there is an administrator.
func prepareDatabase(_ environment: AppEnvironment, logger: Logger) async throws {
    logger.info("database", metadata: ["url": "\(environment.config.databaseURL)"])
    for migration in try await environment.migrator.upgrade() {
        logger.notice(
            "applied migration", metadata: ["revision": "\(migration.revision)", "message": "\(migration.message)"])
    }
    let summarized = try await environment.targets(AuditTrail(.system)).fillCredentialSummaries()
    if summarized > 0 { logger.notice("credential summaries written", metadata: ["count": "\(summarized)"]) }
    try await bootstrapAdministrator(environment)
}

/// Makes sure there is an administrator. A generated password is printed, not logged: it is the one time anyone
/// sees it.
func bootstrapAdministrator(_ environment: AppEnvironment) async throws {
    let config = environment.config
    let admin = try await environment.accounts(AuditTrail(.system))
        .bootstrapAdministrator(username: config.adminUsername, password: config.adminPassword)
    guard admin.created else { return }
    let line =
        "First administrator '\(config.adminUsername)' created"
        + (admin.generated.map {
            " with password \($0) (shown once; change it with `enabledrm user set-password \(config.adminUsername)`)"
        } ?? " with the configured password")
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Loads the configuration and the secret key and sets up logging; a bad configuration exits with status 2. Unless
/// `creating` (`serve`, `db upgrade`), a missing SQLite database or secret key is refused, never created.
func loadConfig(
    _ options: ConfigOptions, more: [AppConfig.Key: String] = [:], creating: Bool = false
) async throws -> AppConfig {
    let config = try await reportingErrors {
        let loaded = try options.load(more: more)
        if !creating { try MissingStore.check(loaded) }
        return try SecretKeyFile.resolve(loaded)
    }
    LogBootstrap.run(config)
    return config
}
