public import DRMCore
import DRMStore
public import FluentKit
import Foundation
import SQLKit

/// Starts runs: checks the parameters and targets, then creates the execution, one branch per target and the
/// queue task that runs it, in one transaction. Nothing runs before every check passed.
public struct ExecutionLauncher: Sendable {
    /// What to run.
    public struct Request: Sendable {
        public var jobID: Int
        /// Values for the job's options, as JSON (strings are converted to the option's type).
        public var parameters: [String: JSONValue]
        /// Run on these targets instead of the job's own.
        public var targetIDs: [Int]?
        /// `manual`, `adhoc`, `rerun`, `schedule`.
        public var trigger: String
        public var triggeredBy: Int?
        /// Whether `targetIDs` may name targets that aren't the job's own (a role that may change the job). Without
        /// it, `targetIDs` may only pick among the job's own targets.
        public var mayChooseTargets: Bool
        /// Whether `targetIDs` came from a selector (a filter, all targets) rather than from the caller by name: then
        /// the ones that can't run the job are left out (and reported) instead of refusing the run.
        public var selected = false
        /// The execution this one runs again (`rerun-failed`): recorded in its creation log line, and shown with it.
        public var rerunOf: Int?

        public init(
            jobID: Int, parameters: [String: JSONValue] = [:], targetIDs: [Int]? = nil, trigger: String = "manual",
            triggeredBy: Int? = nil, mayChooseTargets: Bool = true
        ) {
            self.jobID = jobID
            self.parameters = parameters
            self.targetIDs = targetIDs
            self.trigger = trigger
            self.triggeredBy = triggeredBy
            self.mayChooseTargets = mayChooseTargets
        }
    }

    /// The queued execution.
    public struct Launched: Sendable {
        public var executionID: Int
        public var serial: String
        public var taskID: Int
        public var targets: Int
        /// Targets a selector chose that can't run the job, left out of the run.
        public var leftOut: [LeftOut] = []
    }

    /// A target a filter or "all" selected that can't run the job, and why (#14 item 6).
    public struct LeftOut: Sendable, Hashable {
        public var targetID: Int
        public var name: String
        /// Why, without the name: `no active ssh method, which action 1 ('command', command) needs`.
        public var reason: String
    }

    /// The queue task that runs an execution.
    public static let taskName = "execution.run"

    public let database: any Database
    public let vault: CredentialVault
    public let audit: AuditTrail
    public var now: @Sendable () -> Date = { Date() }

    public init(database: any Database, vault: CredentialVault, audit: AuditTrail) {
        self.database = database
        self.vault = vault
        self.audit = audit
    }

    /// Checks and queues a run of `request.jobID`; `definition` is that job as the caller just read or created it
    /// (so the job is read once per launch), else it is read here.
    public func launch(_ request: Request, definition known: JobDefinition? = nil) async throws -> Launched {
        let definition: JobDefinition
        if let known, known.id == request.jobID, !known.isDeleted {
            definition = known
        } else {
            let job = try await JobCatalog.job(request.jobID, on: database)
            definition = try await JobCatalog(database: database, audit: audit).definition(of: job, on: database)
        }
        let specs = try definition.specs()
        try JobDraft.refuseNUL(["parameters": .object(request.parameters)])
        if let ids = request.targetIDs, let index = ids.firstIndex(where: { !(1...Int(Int32.max)).contains($0) }) {
            throw JobError.invalid(field: "target_ids.\(index)", message: "target \(ids[index]) does not exist")
        }
        let parameters: [String: JSONValue]
        do { parameters = try JobOption.resolve(definition.draft.options, given: request.parameters) } catch {
            throw JobError(error)
        }
        let (chosen, selected) = try await resolveTargets(of: definition, given: request.targetIDs)
        var targetIDs = chosen
        if request.targetIDs != nil, !request.mayChooseTargets {
            let own = Set(try await resolveTargets(of: definition, given: nil).ids)
            if let index = targetIDs.firstIndex(where: { !own.contains($0) }) {
                throw JobError.forbidden(
                    field: "target_ids.\(index)",
                    message:
                        "target \(targetIDs[index]) is not one of the job's targets; running a job elsewhere needs "
                        + "the jobs:update permission")
            }
        }
        let methods = try await TargetMethods.load(targetIDs, on: database)
        let leftOut = try Self.leaveOut(
            &targetIDs, selected: request.selected ? Set(targetIDs) : selected, specs: specs, methods: methods)
        let runnable = targetIDs
        var launched = try await withSerialRetry {
            try await database.transaction { db in
                try await insert(
                    job: definition, targetIDs: runnable, methods: methods, parameters: parameters, request: request,
                    leftOut: leftOut, on: db)
            }
        }
        launched.leftOut = leftOut
        return launched
    }

    /// The rule of who runs (#14 item 6): a target named by the caller that can't run the job refuses the run; one
    /// that a selector chose (`selected`) is left out and reported; a run with nobody left is refused.
    static func leaveOut(
        _ targetIDs: inout [Int], selected: Set<Int>, specs: [ActionSpec], methods: TargetMethods
    ) throws -> [LeftOut] {
        var kept: [Int] = []
        var leftOut: [LeftOut] = []
        for (index, id) in targetIDs.enumerated() {
            guard let target = methods.targets[id], target.isActive else {
                throw JobError.invalid(
                    field: "target_ids.\(index)", message: "target \(id) does not exist or is inactive")
            }
            if let missing = methods.missing(for: specs, target: id) {
                guard selected.contains(id) else {
                    throw JobError.invalid(
                        field: "target_ids.\(index)", message: missing.describe(target: target.name))
                }
                leftOut.append(LeftOut(targetID: id, name: target.name, reason: missing.reason))
            } else {
                kept.append(id)
            }
        }
        if kept.isEmpty, let first = leftOut.first {
            let more = leftOut.count > 1 ? " (and \(leftOut.count - 1) more)" : ""
            throw JobError.invalid(
                field: "target_ids",
                message:
                    "none of the \(leftOut.count) selected target(s) can run it: '\(first.name)' has \(first.reason)"
                    + more)
        }
        targetIDs = kept
        return leftOut
    }

    /// The job's targets: those given, else its own ids and what its filter selects (`selected`: the latter).
    func resolveTargets(of job: JobDefinition, given: [Int]?) async throws -> (ids: [Int], selected: Set<Int>) {
        if let given {
            guard !given.isEmpty else { throw JobError.invalid(field: "target_ids", message: "must not be empty") }
            var seen: Set<Int> = []
            return (given.filter { seen.insert($0).inserted }, [])
        }
        var ids = job.draft.targetIDs
        var selected: Set<Int> = []
        if let text = job.draft.targetFilter, let filter = try? TargetFilter.parse(text) {
            let chosen = Set(ids)
            let matched = try await TargetInventory(database: database, vault: vault, audit: audit)
                .select(filter, activeOnly: true).filter { !chosen.contains($0) }
            ids += matched
            selected = Set(matched)
        }
        guard !ids.isEmpty else {
            throw JobError.invalid(
                field: "target_ids", message: "the job has no targets (none chosen, none match its filter)")
        }
        return (ids, selected)
    }

    func insert(
        job: JobDefinition, targetIDs: [Int], methods: TargetMethods, parameters: [String: JSONValue],
        request: Request, leftOut: [LeftOut], on db: any Database
    ) async throws -> Launched {
        let jobID = job.id
        let number = (try await Execution.query(on: db).filter(\.$jobID == jobID).max(\.$executionNumber) ?? 0) + 1
        let now = now()
        let execution = Execution()
        execution.jobID = jobID
        execution.executionUUID = UUID()
        execution.executionSerial = ExecutionSerials.execution(job: job.serial, number: number)
        execution.executionNumber = number
        execution.status = .queued
        execution.scheduledAt = now
        execution.parameters = .object(parameters)
        execution.trigger = request.trigger
        execution.triggeredBy = request.triggeredBy
        try await execution.create(on: db)
        let executionID = try execution.requireID()
        let sql = db as! any SQLDatabase
        for start in stride(from: 0, to: targetIDs.count, by: 500) {
            var insert = sql.insert(into: "job_execution_branches").columns(
                "job_execution_id", "target_id", "branch_uuid", "branch_serial", "branch_id", "target_serial_ref",
                "status", "scheduled_at", "created_at")
            for index in start..<min(start + 500, targetIDs.count) {
                let targetID = targetIDs[index]
                insert = insert.values([
                    SQLBind(executionID), SQLBind(targetID), SQLBind(UUID()),
                    SQLBind(ExecutionSerials.branch(execution: execution.executionSerial, ordinal: index + 1)),
                    SQLBind(ExecutionSerials.branchID(ordinal: index + 1)), SQLBind(methods.targets[targetID]?.serial),
                    SQLLiteral.string(ExecutionStatus.queued.rawValue), SQLBind(now), SQLBind(now),
                ])
            }
            try await insert.run()
        }
        try await ExecutionLog(
            execution: executionID, .creation, .info, .system,
            "queued \(job.isAdhoc ? "ad-hoc command" : "job '\(job.draft.name)'") on \(targetIDs.count) target(s)",
            details: [
                "trigger": .string(request.trigger),
                "parameters": .object(JobOption.masked(parameters, options: job.draft.options)),
                "rerun_of": request.rerunOf.map { .number(Double($0)) } ?? .null,
            ], at: now
        ).create(on: db)
        if !leftOut.isEmpty {
            let names = leftOut.prefix(20).map { "\($0.name) (\($0.reason))" }.joined(separator: ", ")
            try await ExecutionLog(
                execution: executionID, .creation, .warning, .system,
                "left out \(leftOut.count) selected target(s) that can't run it: \(names)"
                    + (leftOut.count > 20 ? ", …" : ""),
                details: ["left_out": .number(Double(leftOut.count))], at: now
            ).create(on: db)
        }
        let task = try await TaskQueue(database: db).enqueue(
            Self.taskName, args: ["execution_id": .number(Double(executionID))], on: db)
        try await audit.record(
            .jobExecuted, resource: ("execution", String(executionID)),
            details: [
                "job_id": .number(Double(jobID)), "serial": .string(execution.executionSerial),
                "targets": .number(Double(targetIDs.count)), "trigger": .string(request.trigger),
                "left_out": .number(Double(leftOut.count)),
            ], on: db)
        return Launched(
            executionID: executionID, serial: execution.executionSerial, taskID: try task.requireID(),
            targets: targetIDs.count)
    }
}
