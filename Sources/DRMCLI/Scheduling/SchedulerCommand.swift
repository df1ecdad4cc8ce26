import ArgumentParser
import DRMEngine
import ServiceLifecycle

/// `enabledrm scheduler`: the scheduler alone. Run it on several nodes sharing one PostgreSQL: one holds the lease
/// and fires; another takes over within about 12 seconds of its death.
struct SchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Run the scheduler: fires due schedules while this node holds the lease, until SIGTERM or SIGINT.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            try await environment.serviceGroup(worker: nil, scheduler: true, label: "enabledrm.scheduler").run()
        }
    }
}
