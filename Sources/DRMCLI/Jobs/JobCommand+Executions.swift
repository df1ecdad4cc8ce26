import ArgumentParser
import DRMCore
import DRMEngine
import Foundation

struct JobExecutionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "executions", abstract: "List executions (of one job when named), newest first.")

    @Argument(help: "The job's name, serial or id.") var job: String?
    @Option(help: "How many to show.") var limit: Int = 20
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            let audit = AuditTrail(.cli)
            let jobID = try await job.asyncMap { try await environment.jobs.catalog(audit).find($0).id }
            let (items, _) = try await environment.jobs.query.list(
                jobID: jobID, page: 1, perPage: max(1, min(limit, 1000)))
            switch format {
            case .json: print(try TargetOutput.json(try JSONValue(encoding: items)))
            case .text:
                print(["SERIAL", "STATUS", "JOB", "STARTED", "DURATION", "BY", "TARGETS"].joined(separator: "  "))
                for item in items {
                    let counts = item.targets.filter { $0.value > 0 }.sorted { $0.key < $1.key }
                        .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                    let started = (item.startedAt ?? item.createdAt).map { $0.formatted(.iso8601) } ?? "-"
                    let duration = item.durationSeconds().map { String(format: "%.2f s", $0) } ?? "-"
                    let by = item.triggeredByName ?? item.trigger
                    print(
                        [item.serial, item.status.rawValue, item.jobName, started, duration, by, counts].joined(
                            separator: "  "))
                }
            }
        }
    }
}

struct JobLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Print an execution's log; with --follow, until it ends.")

    @Argument(help: "The execution's serial or id.") var execution: String
    @Flag(help: "Keep printing new lines until the execution ends.") var follow = false
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            let audit = AuditTrail(.cli)
            let summary = try await environment.jobs.query.find(execution)
            let iso = ISO8601DateFormatter()
            let print: (ExecutionLogLine) -> Void = { line in
                let target = line.targetName.map { "\($0) " } ?? ""
                Swift.print(
                    "\(iso.string(from: line.timestamp)) \(line.level.rawValue) [\(line.phase.rawValue)] \(target)\(line.message)"
                )
            }
            if follow {
                try await ExecutionFollower(query: environment.jobs.query, executionID: summary.id).run { print($0) }
            } else {
                var after = 0
                while true {
                    let lines = try await environment.jobs.query.logs(
                        executionID: summary.id, after: after, limit: 1000)
                    lines.forEach(print)
                    guard let last = lines.last?.id, lines.count == 1000 else { break }
                    after = last
                }
            }
        }
    }
}

struct JobCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel an execution.")

    @Argument(help: "The execution's serial or id.") var execution: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            let audit = AuditTrail(.cli)
            let summary = try await environment.jobs.query.find(execution)
            let after = try await environment.jobs.cancel(executionID: summary.id, audit: audit)
            print("\(after.serial): cancel requested (\(after.status.rawValue))")
        }
    }
}

struct JobRerunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerun", abstract: "Run an execution's job again on the targets that didn't complete.")

    @Argument(help: "The execution's serial or id.") var execution: String
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            let audit = AuditTrail(.cli)
            let summary = try await environment.jobs.query.find(execution)
            let launched = try await environment.jobs.rerunFailed(
                executionID: summary.id, audit: audit, by: try await environment.cliUserID())
            try await ExecutionSession(environment: environment, launched: launched, format: format).run()
        }
    }
}

struct JobExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print an execution's per-target results as JSON or CSV.")

    @Argument(help: "The execution's serial or id.") var execution: String
    @Option(help: "json or csv.") var format: String = "json"
    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard ["json", "csv"].contains(format) else { throw ValidationError("--format must be json or csv") }
    }

    func run() async throws {
        try await withEnvironment(options) { environment in
            let audit = AuditTrail(.cli)
            let summary = try await environment.jobs.query.find(execution)
            let rows = ExecutionExport.rows(
                try await environment.jobs.query.detail(summary.id),
                results: try await environment.jobs.query.results(executionID: summary.id))
            if format == "csv" {
                FileHandle.standardOutput.write(Data(ExecutionExport.csv(rows).utf8))
            } else {
                print(try TargetOutput.json(try JSONValue(encoding: rows)))
            }
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
