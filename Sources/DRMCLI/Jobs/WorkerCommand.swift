import ArgumentParser
import DRMCore
import DRMEngine
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `enabledrm worker`: runs queue workers alone (several nodes can share one PostgreSQL).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run a queue worker: claims queued executions and runs them, until SIGTERM or SIGINT.")

    @Option(help: "The worker's name in the queue views (default worker@<host>-<pid>).") var name: String?
    @OptionGroup var worker: WorkerOptions
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options, more: worker.flags) { environment in
            try await environment.serviceGroup(
                worker: name ?? QueueWorker.defaultName(), label: "enabledrm.worker"
            ).run()
        }
    }
}
