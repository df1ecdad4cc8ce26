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

    func validate() throws {
        guard all != (filter != nil) else { throw ValidationError("give exactly one of --all and --filter") }
        guard (1...1000).contains(parallel) else { throw ValidationError("--parallel must be 1–1000") }
        guard (1...86_400).contains(timeout) else { throw ValidationError("--timeout must be 1–86400 seconds") }
        guard !command.joined().trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("give the command after --, e.g. enabledrm run --all -- uptime")
        }
    }

    func run() async throws {
        let filter = try parseFilter(filter)
        try await withJobs(options) { jobs in
            let inventory = TargetInventory(database: jobs.engine.database, vault: jobs.engine.vault, audit: jobs.audit)
            let ids =
                if let filter {
                    try await inventory.activeSubjects().filter { filter.matches($0.subject) }.map(\.id)
                } else {
                    try await inventory.activeTargetIDs()
                }
            guard !ids.isEmpty else {
                printError("no active target is selected")
                throw ExitCode(1)
            }
            let launched = try await jobs.engine.runCommand(
                command.joined(separator: " "), targetIDs: ids, filter: self.filter, parallelism: parallel,
                timeoutSeconds: timeout, audit: jobs.audit, by: try await jobs.actingUserID())
            try await ExecutionSession(jobs: jobs, launched: launched, format: format, verbose: verbose, local: local)
                .run()
        }
    }
}

/// `enabledrm worker`: runs queue workers alone (several nodes can share one PostgreSQL).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run a queue worker: claims queued executions and runs them, until SIGTERM or SIGINT.")

    @Option(help: "The worker's name in the queue views (default worker@<host>-<pid>).") var name: String?
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withJobs(options) { jobs in
            let worker = jobs.engine.worker(name: name ?? QueueWorker.defaultName(), slots: jobs.config.workerSlots)
            let group = ServiceGroup(
                configuration: .init(
                    services: [worker], gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: Logger(label: "enabledrm.worker")))
            try await group.run()
        }
    }
}
