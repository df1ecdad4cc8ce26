import ArgumentParser
import DRMCore
import DRMEngine
import DRMStore
import Foundation

/// `enabledrm discovery …`: stored discovery runs (on the task queue), their review and import.
struct DiscoveryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discovery", abstract: "Stored discovery runs: run, list, show, import and ignore devices.",
        subcommands: [
            DiscoveryRunCommand.self, DiscoveryListCommand.self, DiscoveryShowCommand.self,
            DiscoveryImportCommand.self, DiscoveryIgnoreCommand.self,
        ])
}

/// Runs a discovery command's body; a refusal prints one line naming the field and exits 2 (bad input) or 1.
func refusingDiscovery(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as any DomainError {
        printError(error.field.map { "\($0): \(error.message)" } ?? error.message)
        throw ExitCode(error.kind == .invalid ? 2 : 1)
    }
}

/// `discovery run`: stores a run and, unless `--detach`, runs it here (a worker would otherwise) and prints its
/// devices.
struct DiscoveryRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Start a stored discovery run of a range or a template.")

    @Option(help: "Addresses to sweep (comma separated).") var range: String?
    @Option(help: "Addresses to leave out.") var exclude: String?
    @Option(help: "TCP ports: list and ranges, or `default`.") var ports: String?
    @Option(help: "A template's id, whose configuration the run takes.") var template: Int?
    @Option(help: "The run's name.") var name: String?
    @Option(help: "At most this many connection attempts per second.") var rate: Int?
    @Option(help: "Connect time-out ceiling in milliseconds.") var timeout: Int?
    @Flag(help: "Allow more than 65,536 addresses × ports.") var allowLarge = false
    @Flag(help: "Only queue the run (a worker runs it).") var detach = false
    @Option(help: "json or text.") var format: OutputFormat = .text
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            try await refusingDiscovery {
                let audit = AuditTrail(.cli)
                var request: DiscoveryRequest
                var templateID: Int?
                if let template {
                    let saved = try await environment.discoveryTemplates(audit).detail(template)
                    request = saved.request
                    templateID = saved.id
                } else {
                    guard let range else { throw DiscoveryError.invalid(field: "--range", message: "is required") }
                    request = DiscoveryRequest(range: range)
                }
                if let range { request.range = range }
                if let exclude { request.exclude = exclude }
                if let ports { request.ports = ports }
                if let rate { request.rate = rate }
                if let timeout { request.timeoutMS = timeout }
                if allowLarge { request.allowLarge = true }
                let started = try await environment.discoveryRuns(audit).start(
                    request, name: name, createdBy: try await environment.cliUserID(), templateID: templateID)
                guard !detach else {
                    print(format == .json ? try DiscoveryRecords.json(started) : DiscoveryRecords.line(started))
                    return
                }
                let ended = try await environment.runDiscoveryInProcess(started.id, worker: "cli-\(getpid())")
                let devices = try await environment.discoveryReview(audit).devices(of: ended.id, perPage: 10_000)
                print(try DiscoveryRecords.show(ended, devices.items, format: format))
            }
        }
    }
}

struct DiscoveryListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List discovery runs.")

    @Option(help: "pending, running, completed, failed or cancelled.") var status: String?
    @Option(help: "json or text.") var format: OutputFormat = .text
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            try await refusingDiscovery {
                var wanted: DiscoveryRunStatus?
                if let status {
                    guard let value = DiscoveryRunStatus(rawValue: status) else {
                        throw DiscoveryError.invalid(field: "--status", message: "unknown status \"\(status)\"")
                    }
                    wanted = value
                }
                let (runs, _) = try await environment.discoveryRuns(AuditTrail(.cli)).list(
                    status: wanted, perPage: 1000)
                if format == .json {
                    print(try DiscoveryRecords.encode(.array(runs.map(DiscoveryRecords.object))))
                } else {
                    for run in runs { print(DiscoveryRecords.line(run)) }
                }
            }
        }
    }
}

struct DiscoveryShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A run and its devices compared with the inventory.")

    @Argument(help: "The run's id.") var run: Int
    @Option(help: "json or text.") var format: OutputFormat = .text
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            try await refusingDiscovery {
                let record = try await environment.discoveryRuns(AuditTrail(.cli)).detail(run)
                let devices = try await environment.discoveryReview(AuditTrail(.cli)).devices(of: run, perPage: 10_000)
                print(try DiscoveryRecords.show(record, devices.items, format: format))
            }
        }
    }
}

struct DiscoveryImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import devices of a run as targets (no credentials: add them after).")

    @Argument(help: "The run's id.") var run: Int
    @Argument(help: "Device ids.") var devices: [Int] = []
    @Option(help: "A tag for every imported target (repeatable).") var tag: [String] = []
    @Option(help: "production, staging, development or testing.") var environment: String = "development"
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { app in
            try await refusingDiscovery {
                guard let chosen = TargetEnvironment(rawValue: environment) else {
                    throw DiscoveryError.invalid(field: "--environment", message: "unknown \"\(environment)\"")
                }
                let targets = try await app.discoveryReview(AuditTrail(.cli)).importDevices(
                    devices.map { DiscoveryImportSelection(deviceID: $0, environment: chosen, tags: tag) }, of: run)
                for target in targets {
                    print("\(target.target.id ?? 0)\t\(target.target.name)\t\(target.target.targetSerial)")
                }
            }
        }
    }
}

struct DiscoveryIgnoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ignore", abstract: "Ignore devices of a run.")

    @Argument(help: "The run's id.") var run: Int
    @Argument(help: "Device ids.") var devices: [Int] = []
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            try await refusingDiscovery {
                try await environment.discoveryReview(AuditTrail(.cli)).decide(devices, of: run, as: .ignored)
                print("ignored \(devices.count) device(s) of run \(run)")
            }
        }
    }
}
