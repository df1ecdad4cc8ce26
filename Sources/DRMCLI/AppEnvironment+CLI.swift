import ArgumentParser
import DRMCore
import DRMEngine
import DRMStore
import DRMWeb
import Foundation

/// Loads the configuration, opens the environment, runs `body` on it and shuts it down once. Errors become one line
/// on standard error and an exit status: 2 for a bad configuration, 1 for the rest. Only `creating` commands
/// (`serve`, `db upgrade`) may create a missing SQLite database or secret key.
func withEnvironment(
    _ options: ConfigOptions, more: [AppConfig.Key: String] = [:], creating: Bool = false,
    _ body: (AppEnvironment) async throws -> Void
) async throws {
    let config = try await loadConfig(options, more: more, creating: creating)
    try await reportingErrors(database: config.databaseURL) {
        try await AppEnvironment.with(config, hasher: .bcrypt) { environment in
            do {
                try await retryingWhileSQLiteIsBusy { try await body(environment) }
            } catch let error as TargetError {
                printError(error.description)
                throw ExitCode(1)
            } catch let error as JobError {
                printError(error.description)
                throw ExitCode(1)
            }
        }
    }
}

/// Runs `body` again while SQLite answers "database is locked" (`serve` wrote between this command's read and its
/// write), pausing 50 ms and twice as long each time, for up to a minute. A command writes in one transaction, which
/// SQLite rolled back, so running it again repeats nothing.
func retryingWhileSQLiteIsBusy(_ body: () async throws -> Void) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    var pause = Duration.milliseconds(50)
    while true {
        do {
            return try await body()
        } catch  where DatabaseErrorText.isSQLiteBusy(error) && ContinuousClock.now < deadline {
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(2))
        }
    }
}

extension AppEnvironment {
    /// The user the CLI acts for (its jobs' `created_by`): the configured first administrator, created as `serve`
    /// does when there is none yet.
    func cliUserID() async throws -> Int {
        let accounts = accounts(AuditTrail(.cli))
        if let id = try await accounts.actingUserID(preferring: config.adminUsername) { return id }
        try await bootstrapAdministrator(self)
        guard let id = try await accounts.actingUserID(preferring: config.adminUsername) else {
            throw AccountError.notFound(config.adminUsername)
        }
        return id
    }
}
