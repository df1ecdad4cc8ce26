import ArgumentParser
import DRMCore
import Foundation

/// How a process's queue worker runs (`serve` and `worker`).
struct WorkerOptions: ParsableArguments {
    @Option(name: .customLong("worker-slots"), help: "Executions one worker process runs at once (1–64, default 4).")
    var workerSlots: String?

    @Option(
        name: .customLong("worker-lease-seconds"),
        help: "Seconds a worker's claim holds without renewal; a crashed worker's tasks are taken back after it.")
    var workerLeaseSeconds: String?

    var flags: [AppConfig.Key: String] {
        var flags: [AppConfig.Key: String] = [:]
        flags[.workerSlots] = workerSlots
        flags[.workerLeaseSeconds] = workerLeaseSeconds
        return flags
    }
}
