import ArgumentParser
import DRMCore
import DRMEngine
import DRMWeb
import Foundation

/// `enabledrm job …`: job definitions and their runs.
struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job", abstract: "Create, list, run and follow jobs.",
        subcommands: [
            JobCreateCommand.self, JobListCommand.self, JobShowCommand.self, JobUpdateCommand.self,
            JobDeleteCommand.self, JobRunCommand.self, JobExecutionsCommand.self, JobLogsCommand.self,
            JobCancelCommand.self, JobRerunCommand.self, JobExportCommand.self,
        ])
}

/// Reads a job definition (the API's JSON) from a file, or `-` for stdin.
func readJobRequest(_ path: String) throws -> JobRequest {
    let data: Data
    if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        guard let contents = FileManager.default.contents(atPath: path) else {
            printError("\(path) can't be read")
            throw ExitCode(1)
        }
        data = contents
    }
    do {
        return try JSONDecoder.enableDRMRequest.decode(JobRequest.self, from: data)
    } catch let error as UnknownKeysError {
        printError("\(path): \(error.field ?? ""): \(error.message)")
        throw ExitCode(1)
    } catch {
        printError("\(path): not a job definition: \(error)")
        throw ExitCode(1)
    }
}

struct JobCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a job from a JSON definition (as POST /api/v1/jobs takes).")

    @Option(help: "The definition's file, or - for stdin.") var file: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let request = try readJobRequest(file)
        try await withEnvironment(options) { environment in
            let audit = AuditTrail(.cli)
            let job = try await environment.jobs.catalog(audit).create(
                request.draft, createdBy: try await environment.cliUserID())
            print("created job \(job.name) (\(job.serial)) with \(job.draft.actions.count) action(s)")
        }
    }
}

struct JobUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Replace a job's definition with a JSON definition.")

    @Argument(help: "The job's name, serial or id.") var job: String
    @Option(help: "The definition's file, or - for stdin.") var file: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let request = try readJobRequest(file)
        try await withEnvironment(options) { environment in
            let audit = AuditTrail(.cli)
            let found = try await environment.jobs.catalog(audit).find(job)
            let updated = try await environment.jobs.catalog(audit).update(found.id, with: request.draft)
            print("updated job \(updated.name) (\(updated.serial))")
        }
    }
}

struct JobListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List jobs.")

    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            let audit = AuditTrail(.cli)
            let (items, _) = try await environment.jobs.catalog(audit).list(page: 1, perPage: 10_000)
            switch format {
            case .json:
                print(try TargetOutput.json(.array(items.map { try JSONValue(encoding: JobSummaryLine($0)) })))
            case .text:
                for job in items {
                    print(
                        "\(job.serial)  \(job.name)  \(job.draft.actions.count) action(s)  "
                            + "\(job.draft.targetIDs.count) target(s)\(job.draft.targetFilter.map { " + filter '\($0)'" } ?? "")"
                    )
                }
            }
        }
    }
}

/// A job in `job list --format json`.
struct JobSummaryLine: Encodable {
    var id: Int
    var serial: String
    var name: String
    var actions: Int
    var targetIDs: [Int]
    var targetFilter: String?

    init(_ job: JobDefinition) {
        id = job.id
        serial = job.serial
        name = job.name
        actions = job.draft.actions.count
        targetIDs = job.draft.targetIDs
        targetFilter = job.draft.targetFilter
    }

    enum CodingKeys: String, CodingKey {
        case id, serial, name, actions
        case targetIDs = "target_ids"
        case targetFilter = "target_filter"
    }
}

struct JobShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a job's definition as JSON.")

    @Argument(help: "The job's name, serial or id.") var job: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            let audit = AuditTrail(.cli)
            let found = try await environment.jobs.catalog(audit).find(job)
            let draft = found.draft
            let value: JSONValue = [
                "id": .number(Double(found.id)), "serial": .string(found.serial), "name": .string(draft.name),
                "description": draft.description.map(JSONValue.string) ?? .null,
                "actions": .array(
                    draft.actions.map {
                        [
                            "action_type": .string($0.type.rawValue), "action_name": .string($0.name),
                            "action_parameters": $0.parameters, "action_config": $0.config ?? .null,
                        ]
                    }),
                "target_ids": .array(draft.targetIDs.map { .number(Double($0)) }),
                "target_filter": draft.targetFilter.map(JSONValue.string) ?? .null,
                "options": try JSONValue(encoding: draft.options), "parallelism": .number(Double(draft.parallelism)),
                "failure_policy": .string(draft.failurePolicy.rawValue),
                "timeout_seconds": draft.timeoutSeconds.map { .number(Double($0)) } ?? .null,
            ]
            print(try TargetOutput.json(value))
        }
    }
}

struct JobDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a job (its executions stay).")

    @Argument(help: "The job's name, serial or id.") var job: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            let audit = AuditTrail(.cli)
            let found = try await environment.jobs.catalog(audit).find(job)
            try await environment.jobs.catalog(audit).delete(found.id, by: try await environment.cliUserID())
            print("deleted job \(found.name) (\(found.serial))")
        }
    }
}

struct JobRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a job; with --follow, stream its output until it ends.",
        discussion: "Without a live worker the job runs in this process (and is followed).")

    @Argument(help: "The job's name, serial or id.") var job: String
    @Option(name: .customLong("param"), help: "A parameter, name=value (repeatable).") var parameters: [String] = []
    @Option(name: .customLong("target"), help: "Run on this target id instead of the job's (repeatable).")
    var targets: [Int] = []
    @Flag(help: "Stream output and a progress bar until the execution ends; exit 1 unless it completed.")
    var follow = false
    @Option(help: "text or json.") var format: OutputFormat = .text
    @Flag(help: "Show every log line, not only output and status.") var verbose = false
    @Flag(help: "Run in this process even when workers are live.") var local = false
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        var given: [String: JSONValue] = [:]
        for parameter in parameters {
            guard let equals = parameter.firstIndex(of: "="), equals != parameter.startIndex else {
                throw ValidationError("--param takes name=value, not '\(parameter)'")
            }
            given[String(parameter[..<equals])] = .string(String(parameter[parameter.index(after: equals)...]))
        }
        try await withEnvironment(options) { environment in
            let audit = AuditTrail(.cli)
            let found = try await environment.jobs.catalog(audit).find(job)
            let launched = try await environment.jobs.launcher(audit).launch(
                .init(
                    jobID: found.id, parameters: given, targetIDs: targets.isEmpty ? nil : targets,
                    triggeredBy: try await environment.cliUserID()), definition: found)
            let workers = try await environment.jobs.metrics.liveWorkers()
            guard follow || local || workers.isEmpty else {
                print("queued \(launched.serial) on \(launched.targets) target(s)")
                return
            }
            try await ExecutionSession(
                environment: environment, launched: launched, format: format, verbose: verbose, local: local
            )
            .run()
        }
    }
}
