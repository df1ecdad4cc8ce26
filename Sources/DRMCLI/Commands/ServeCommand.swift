import ArgumentParser
import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMWeb
import Fluent
import FluentKit
import Foundation
import Logging
import SQLKit
import ServiceLifecycle
import UnixSignals
import Vapor

/// `enabledrm serve`: upgrades the schema to head and runs every role (API, UI, workers) in one process.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run EnableDRM: upgrade the database to head, then serve the API and UI.",
        discussion: "Without flags it uses SQLite in ./enabledrm-data/ and listens on 127.0.0.1:8080."
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try await loadConfig(options)
        try await reportingErrors(database: config.databaseURL) {
            let logger = Logger(label: "enabledrm.serve")
            let app = try await Application.make(.production)
            do {
                try await configure(app, config: config)
                try await prepareDatabase(app, config: config, logger: logger)
                let services = ServiceGroup(
                    configuration: .init(
                        services: [
                            HTTPServerService(app: app),
                            app.jobEngine.worker(
                                name: QueueWorker.defaultName(prefix: "serve"), slots: config.workerSlots),
                        ],
                        gracefulShutdownSignals: [.sigterm, .sigint],
                        logger: logger
                    ))
                try await services.run()
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
    }
}

/// Brings the schema to head and makes sure there is an administrator.
func prepareDatabase(_ app: Application, config: AppConfig, logger: Logger) async throws {
    logger.info("database", metadata: ["url": "\(config.databaseURL)"])
    for migration in try await Migrator(database: app.db as! any SQLDatabase).upgrade() {
        logger.notice(
            "applied migration", metadata: ["revision": "\(migration.revision)", "message": "\(migration.message)"])
    }
    try await bootstrapAdministrator(on: app.db, config: config)
}

/// Makes sure there is an administrator. A generated password is printed, not logged: it is the one time anyone
/// sees it.
func bootstrapAdministrator(on database: any Database, config: AppConfig) async throws {
    let admin = try await UserAccounts(database: database, hasher: .bcrypt, audit: AuditTrail(.system))
        .bootstrapAdministrator(username: config.adminUsername, password: config.adminPassword)
    guard admin.created else { return }
    let line =
        "First administrator '\(config.adminUsername)' created"
        + (admin.generated.map {
            " with password \($0) (shown once; change it with `enabledrm user set-password \(config.adminUsername)`)"
        } ?? " with the configured password")
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Loads the configuration and the secret key and sets up logging; a bad configuration exits with status 2.
func loadConfig(_ options: ConfigOptions) async throws -> AppConfig {
    let config = try await reportingErrors { try SecretKeyFile.resolve(options.load()) }
    LogBootstrap.run(config)
    return config
}
