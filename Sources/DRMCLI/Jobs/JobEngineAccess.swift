import ArgumentParser
import DRMCore
import DRMEngine
import DRMRemote
import DRMStore
import DRMWeb
import Foundation

/// The job engine of a command, on the configured database, acting as the CLI.
struct CLIJobs {
    let engine: JobEngine
    let config: AppConfig
    let audit = AuditTrail(.cli)

    /// The user the CLI acts for: the configured first administrator (its jobs' `created_by`), created as `serve`
    /// does when there is none yet.
    func actingUserID() async throws -> Int {
        let accounts = UserAccounts(database: engine.database, hasher: .bcrypt, audit: audit)
        if let id = try await accounts.actingUserID(preferring: config.adminUsername) { return id }
        try await bootstrapAdministrator(on: engine.database, config: config)
        guard let id = try await accounts.actingUserID(preferring: config.adminUsername) else {
            throw AccountError.notFound(config.adminUsername)
        }
        return id
    }
}

/// Opens the database and the job engine, runs `body`, and turns job errors into one line and exit status 1.
func withJobs(_ options: ConfigOptions, _ body: (CLIJobs) async throws -> Void) async throws {
    let config = try await loadConfig(options)
    try await reportingErrors(database: config.databaseURL) {
        let (handle, vault) = try openDatabase(config)
        let http = HTTPRequestClient()
        var engine = JobEngine(
            database: handle.database, vault: vault, http: http, dataDirectory: URL(filePath: config.dataDirectory))
        engine.lease = .seconds(config.workerLeaseSeconds)
        do {
            try await body(CLIJobs(engine: engine, config: config))
        } catch let error as JobError {
            try? await http.shutdown()
            await handle.shutdown()
            printError(error.description)
            throw ExitCode(1)
        } catch {
            try? await http.shutdown()
            await handle.shutdown()
            throw error
        }
        try? await http.shutdown()
        await handle.shutdown()
    }
}
