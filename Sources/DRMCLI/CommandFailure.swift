import ArgumentParser
import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import Foundation

/// Runs a command's body and turns any error into one line on standard error and an exit code:
/// 2 for invalid configuration, 1 for everything else.
@discardableResult
func reportingErrors<T>(database: DatabaseURL? = nil, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ConfigError {
        printError(error.description)
        throw ExitCode(2)
    } catch let error as AccountError {
        printError(error.description)
        throw ExitCode(1)
    } catch {
        printError(database.map { DatabaseErrorText.describe(error, url: $0) } ?? String(describing: error))
        throw ExitCode(1)
    }
}

/// Writes `message` to standard error as `enabledrm: error: message`.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("enabledrm: error: \(message)\n".utf8))
}
