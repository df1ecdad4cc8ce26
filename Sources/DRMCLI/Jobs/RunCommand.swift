import ArgumentParser
import DRMCore
import DRMEngine
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `enabledrm run (--all | --filter EXPR) [--parallel N] -- COMMAND`: one shell command on many targets, recorded
/// as an execution like any job run.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one shell command on the selected targets (like `ansible all -m raw -a`).",
        discussion: """
            Each output line is prefixed with the target's name and host:port; a status line ends each target's \
            block. Exits 1 when any target fails. Without a live worker the command runs in this process.
            """)

    @Flag(help: "Run on every active target.") var all = false
    @Option(help: "Run on the targets this filter selects, e.g. 'tag=web and env=production'.") var filter: String?
    @Option(help: "How many targets run at once (1–1000).") var parallel: Int = 100
    @Option(help: "Seconds the command may run on each target.") var timeout: Int = 300
    @Option(help: "text or json.") var format: OutputFormat = .text
    @Flag(help: "Show every log line, not only output and status.") var verbose = false
    @Flag(help: "Run in this process even when workers are live.") var local = false
    @OptionGroup var options: ConfigOptions
    @Argument(parsing: .postTerminator, help: "The command, after --.") var command: [String] = []

    /// The flag of each field the engine's rules name.
    static let flags = [
        "command": "the command after --", "parallelism": "--parallel", "timeout_seconds": "--timeout",
        "target_ids": "--all, --filter", "filter": "--filter",
    ]

    func run() async throws {
        let request = AdhocCommand(
            command: command.joined(separator: " "), filter: filter, all: all, parallelism: parallel,
            timeoutSeconds: timeout)
        try await withEnvironment(options) { environment in
            let audit = AuditTrail(.cli)
            let launched: ExecutionLauncher.Launched
            do {
                _ = try request.check()
                launched = try await environment.jobs.runCommand(
                    request, audit: audit, by: try await environment.cliUserID())
            } catch JobError.invalid(let field, let message) where Self.flags[field] != nil {
                printError("\(Self.flags[field]!): \(message)")
                throw ExitCode(1)
            }
            try await ExecutionSession(
                environment: environment, launched: launched, format: format, verbose: verbose, local: local
            ).run()
        }
    }
}
