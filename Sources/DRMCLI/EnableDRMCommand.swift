public import ArgumentParser
import DRMCore
import Foundation

/// The root of the `enabledrm` command tree.
public struct EnableDRMCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "enabledrm",
        abstract: "EnableDRM: run commands, scripts and transfers on fleets of machines.",
        version: EnableDRM.version,
        subcommands: [
            ServeCommand.self, WorkerCommand.self, DBCommand.self, UserCommand.self, TargetCommand.self,
            JobCommand.self,
            RunCommand.self, SecretsCommand.self, ScheduleCommand.self, SchedulerCommand.self, DiscoverCommand.self,
            DiscoveryCommand.self,
            NotifyCommand.self,
            ReportCommand.self,
            RetentionCommand.self,
            VersionCommand.self,
        ]
    )

    public init() {}

    /// Parses the arguments and runs the command. A usage error prints `enabledrm: error: …` and the usage to
    /// standard error and exits 64, as every other failure prints `enabledrm: error: …` (ArgumentParser's own
    /// `Error: …` is reworded); help and version go to standard output with status 0.
    public static func runAsMain(_ arguments: [String]? = nil) async {
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            guard code != .success, message.hasPrefix("Error: ") else { exit(withError: error) }
            FileHandle.standardError.write(Data("enabledrm: error: \(message.dropFirst(7))\n".utf8))
            exit(withError: ExitCode(code.rawValue))
        }
    }
}
