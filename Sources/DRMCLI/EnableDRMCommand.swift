public import ArgumentParser
import DRMCore

/// The root of the `enabledrm` command tree.
public struct EnableDRMCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "enabledrm",
        abstract: "EnableDRM: run commands, scripts and transfers on fleets of machines.",
        version: EnableDRM.version,
        subcommands: [
            ServeCommand.self, WorkerCommand.self, DBCommand.self, UserCommand.self, TargetCommand.self,
            JobCommand.self,
            RunCommand.self, SecretsCommand.self, DiscoverCommand.self,
            VersionCommand.self,
        ]
    )

    public init() {}
}

/// `enabledrm version`: prints the version.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version of EnableDRM.")

    func run() {
        print("enabledrm \(EnableDRM.version)")
    }
}
