import ArgumentParser
import DRMCore
import DRMEngine
import Foundation

/// `enabledrm schedule …`: schedules of jobs, and the evaluator behind them.
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Create and manage schedules of jobs, and compute fire times.",
        subcommands: [
            ScheduleCreateCommand.self, ScheduleListCommand.self, ScheduleShowCommand.self,
            ScheduleEditCommand.self, SchedulePauseCommand.self, ScheduleResumeCommand.self, ScheduleDeleteCommand.self,
            ScheduleTriggerCommand.self, ScheduleNextCommand.self,
        ])
}

/// Runs a schedule command's body; a refusal prints one line naming the field and exits 1.
func refusingSchedules(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as any DomainError {
        printError(error.message)
        throw ExitCode(1)
    }
}

/// One schedule as a line of text.
func describe(_ record: ScheduleRecord) -> String {
    let timing: String =
        switch record.draft.kind {
        case .cron: "cron \"\(record.draft.cronExpression ?? "")\""
        case .interval: "every \(record.draft.intervalSeconds ?? 0) s"
        case .once: "once at \(record.draft.runAt.map { ISO8601DateFormatter().string(from: $0) } ?? "?")"
        case .calendar:
            "\(record.draft.calendar?.recurringType ?? "calendar") every \(record.draft.calendar?.interval ?? 1)"
        }
    let next = record.nextRunAt.map { ISO8601DateFormatter().string(from: $0) } ?? "-"
    return "\(record.id)\t\(record.draft.name)\t\(timing) \(record.draft.timezone ?? "(system zone)")\t"
        + "\(record.status.rawValue)\tnext \(next)\truns \(record.currentRuns)"
}

/// The options that define a schedule, shared by `create` and `edit` (in `edit`, an option not given keeps the
/// schedule's value).
struct ScheduleOptions: ParsableArguments {
    @Option(help: "The schedule's name (default: the job's name).") var name: String?
    @Option(help: "A five-field cron expression.") var cron: String?
    @Option(help: "An interval in seconds, counted from --start (default: now).") var every: Int?
    @Option(help: "Once, at this ISO-8601 instant.") var at: String?
    @Option(help: "An IANA zone (default: the system setting timezone).") var tz: String?
    @Option(help: "No fire time before this ISO-8601 instant.") var start: String?
    @Option(help: "No fire time after this ISO-8601 instant.") var end: String?
    @Option(help: "Stop after this many runs.") var maxRuns: Int?
    @Option(help: "skip (default), buffer_one, buffer_all, cancel_other or allow_all.") var overlap: String?
    @Option(help: "skip, run_once (default) or run_all.") var missed: String?
    @Option(help: "Catch-up window in seconds (default 3600).") var catchupWindow: Int?

    /// `draft` with the given options applied; at most one of --cron, --every, --at (exactly one when `required`).
    func apply(to draft: ScheduleDraft, kindRequired: Bool) throws -> ScheduleDraft {
        var draft = draft
        let kinds = [cron != nil, every != nil, at != nil].filter { $0 }.count
        guard kinds == 1 || (kinds == 0 && !kindRequired) else {
            throw ScheduleRuleError.invalid(field: "--cron", reason: "give exactly one of --cron, --every, --at")
        }
        if let overlap {
            guard let policy = OverlapPolicy(rawValue: overlap) else {
                throw ScheduleRuleError.invalid(field: "--overlap", reason: "unknown policy \"\(overlap)\"")
            }
            draft.overlap = policy
        }
        if let missed {
            guard let policy = MissedRunPolicy(rawValue: missed) else {
                throw ScheduleRuleError.invalid(field: "--missed", reason: "unknown policy \"\(missed)\"")
            }
            draft.missedRuns = policy
        }
        if kinds == 1 {
            draft.kind = cron != nil ? .cron : every != nil ? .interval : .once
            draft.cronExpression = cron
            draft.intervalSeconds = every
            draft.runAt = try at.map(ScheduleNextCommand.instant)
            draft.calendar = nil
        }
        if let name { draft.name = name }
        if let tz { draft.timezone = tz }
        if let start { draft.start = try ScheduleNextCommand.instant(start) }
        if let end { draft.end = try ScheduleNextCommand.instant(end) }
        if let maxRuns { draft.maxRuns = maxRuns }
        if let catchupWindow { draft.catchupWindowSeconds = catchupWindow }
        return draft
    }
}

struct ScheduleCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a schedule of a job: --cron, --every or --at.")

    @Argument(help: "The job's name, serial or id.") var job: String
    @OptionGroup var schedule: ScheduleOptions
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            try await refusingSchedules {
                let definition = try await environment.jobs.catalog(AuditTrail(.cli)).find(job)
                let draft = try schedule.apply(
                    to: ScheduleDraft(jobID: definition.id, name: definition.draft.name, kind: .once),
                    kindRequired: true)
                let record = try await environment.schedules(AuditTrail(.cli)).create(
                    draft, createdBy: try await environment.cliUserID())
                print("created schedule \(describe(record))")
            }
        }
    }
}

struct ScheduleListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List schedules.")

    @Option(help: "Only this job's (name, serial or id).") var job: String?
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            var jobID: Int?
            if let job { jobID = try await environment.jobs.catalog(AuditTrail(.cli)).find(job).id }
            for record in try await environment.schedules(AuditTrail(.cli)).list(jobID: jobID) {
                print(describe(record))
            }
        }
    }
}

/// A schedule command about one schedule, by id: it runs in the environment, and a refusal prints one line
/// naming the field and exits 1.
protocol ScheduleIDCommand: AsyncParsableCommand {
    var id: Int { get }
    var options: ConfigOptions { get }
    /// The command's work on schedule `id`.
    func run(_ id: Int, in environment: AppEnvironment) async throws
}

extension ScheduleIDCommand {
    func run() async throws {
        try await withEnvironment(options) { environment in
            try await refusingSchedules { try await run(id, in: environment) }
        }
    }
}

struct ScheduleShowCommand: ScheduleIDCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a schedule, its next fire times and its latest occurrences.")

    @Argument(help: "The schedule's id.") var id: Int
    @OptionGroup var options: ConfigOptions

    func run(_ id: Int, in environment: AppEnvironment) async throws {
        let catalog = environment.schedules(AuditTrail(.cli))
        let record = try await catalog.find(id)
        print(describe(record))
        let preview = try await catalog.preview(record.draft, count: 5)
        for fire in preview.fireTimes {
            print("  next \(fire.localISO8601)\(fire.adjustment.map { "  \($0.phrase)" } ?? "")")
        }
        for occurrence in try await catalog.occurrences(of: id, perPage: 20).items {
            let time = ISO8601DateFormatter().string(from: occurrence.scheduledAt)
            print("  \(time)  \(occurrence.status.rawValue)  \(occurrence.summary ?? occurrence.error ?? "")")
        }
    }
}

struct ScheduleEditCommand: ScheduleIDCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a schedule: the options given replace its values; its next run is recomputed.")

    @Argument(help: "The schedule's id.") var id: Int
    @OptionGroup var schedule: ScheduleOptions
    @OptionGroup var options: ConfigOptions

    func run(_ id: Int, in environment: AppEnvironment) async throws {
        let catalog = environment.schedules(AuditTrail(.cli))
        let draft = try schedule.apply(to: try await catalog.find(id).draft, kindRequired: false)
        print("edited \(describe(try await catalog.update(id, draft)))")
    }
}

struct SchedulePauseCommand: ScheduleIDCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause a schedule.")

    @Argument(help: "The schedule's id.") var id: Int
    @Option(help: "Why, shown with the schedule.") var reason: String?
    @OptionGroup var options: ConfigOptions

    func run(_ id: Int, in environment: AppEnvironment) async throws {
        print("paused \(describe(try await environment.schedules(AuditTrail(.cli)).pause(id, reason: reason)))")
    }
}

struct ScheduleResumeCommand: ScheduleIDCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume a paused schedule.")

    @Argument(help: "The schedule's id.") var id: Int
    @OptionGroup var options: ConfigOptions

    func run(_ id: Int, in environment: AppEnvironment) async throws {
        print("resumed \(describe(try await environment.schedules(AuditTrail(.cli)).resume(id)))")
    }
}

struct ScheduleDeleteCommand: ScheduleIDCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a schedule.")

    @Argument(help: "The schedule's id.") var id: Int
    @OptionGroup var options: ConfigOptions

    func run(_ id: Int, in environment: AppEnvironment) async throws {
        try await environment.schedules(AuditTrail(.cli)).delete(id)
        print("deleted schedule \(id)")
    }
}

struct ScheduleTriggerCommand: ScheduleIDCommand {
    static let configuration = CommandConfiguration(
        commandName: "trigger", abstract: "Run a schedule's job now, outside its overlap policy.")

    @Argument(help: "The schedule's id.") var id: Int
    @OptionGroup var options: ConfigOptions

    func run(_ id: Int, in environment: AppEnvironment) async throws {
        let occurrence = try await environment.scheduleFiring.trigger(id, audit: AuditTrail(.cli))
        print("triggered schedule \(id): \(occurrence.status.rawValue) \(occurrence.summary ?? occurrence.error ?? "")")
    }
}
