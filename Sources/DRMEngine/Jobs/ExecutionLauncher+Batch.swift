import DRMCore
import DRMStore
import FluentKit
import Foundation
import SQLKit

extension ExecutionLauncher {
    /// What became of one request of a batch.
    enum BatchOutcome: Sendable {
        case launched(executionID: Int, serial: String)
        /// The run was refused (job gone, no runnable target, bad parameters): the user-facing reason.
        case refused(String)
    }

    /// What one job of a batch needs, read once for all its requests.
    private struct Prepared {
        var definition: JobDefinition
        var targetIDs: [Int]
        var methods: TargetMethods
        var leftOut: [LeftOut]
    }

    /// The first key of the transaction-scoped advisory lock that numbers one job's runs ("ENDR").
    static let numberingLock = 0x454E_4452

    private struct Accepted {
        var index: Int
        var job: Prepared
        var parameters: [String: JSONValue]
    }

    private struct Refusal: Error {
        var message: String
    }

    /// A request whose job is ready and whose parameters are good, or why not.
    private static func accept(_ request: Request, index: Int, readiness: Readiness?) -> Result<Accepted, Refusal> {
        guard case .ready(let job)? = readiness else {
            if case .refused(let message)? = readiness { return .failure(Refusal(message: message)) }
            return .failure(Refusal(message: "job \(request.jobID) was not read"))
        }
        do {
            try JobDraft.refuseNUL(["parameters": .object(request.parameters)])
            let parameters = try JobOption.resolve(job.definition.draft.options, given: request.parameters)
            return .success(Accepted(index: index, job: job, parameters: parameters))
        } catch let error as FieldError {
            return .failure(Refusal(message: JobError(error).message))
        } catch let error as any DomainError {
            return .failure(Refusal(message: error.message))
        } catch {
            return .failure(Refusal(message: "\(error)"))
        }
    }

    private enum Readiness {
        case ready(Prepared)
        case refused(String)
    }

    /// Queues many runs on their jobs' own targets with a few statements on `db` (the caller's transaction): each
    /// job is read once, and the executions, branches, log lines, queue tasks and audit events are each written
    /// in multi-row inserts. The same checks as ``launch(_:definition:)``, per request; a refused one becomes
    /// `.refused` and the others still run. A database error fails the whole batch (the caller's transaction).
    func launch(batch requests: [Request], on db: any Database) async throws -> [BatchOutcome] {
        var prepared: [Int: Readiness] = [:]
        for jobID in Set(requests.map(\.jobID)) {
            prepared[jobID] = try await prepare(jobID: jobID, on: db)
        }
        var outcomes: [BatchOutcome] = Array(repeating: .refused(""), count: requests.count)
        var accepted: [Accepted] = []
        for (index, request) in requests.enumerated() {
            switch Self.accept(request, index: index, readiness: prepared[request.jobID]) {
            case .success(let item): accepted.append(item)
            case .failure(let refusal): outcomes[index] = .refused(refusal.message)
            }
        }
        guard !accepted.isEmpty else { return outcomes }
        let now = now()
        var numbers: [Int: Int] = [:]
        let postgres = (db as? any SQLDatabase)?.dialect.name == "postgresql"
        for jobID in Set(accepted.map { $0.job.definition.id }).sorted() {
            // Concurrent batches (the scheduler's lanes) numbering runs of one job wait for each other here instead
            // of colliding on (job, number) at commit and doing the whole batch again.
            if postgres {
                try await (db as! any SQLDatabase).raw(
                    "SELECT pg_advisory_xact_lock(\(literal: Self.numberingLock), \(literal: jobID))"
                ).run()
            }
            numbers[jobID] = try await Execution.query(on: db).filter(\.$jobID == jobID).max(\.$executionNumber) ?? 0
        }
        var serials: [String] = []
        var rows: [[any SQLExpression]] = []
        for item in accepted {
            let job = item.job.definition
            let number = numbers[job.id, default: 0] + 1
            numbers[job.id] = number
            let serial = ExecutionSerials.execution(job: job.serial, number: number)
            serials.append(serial)
            rows.append([
                SQLBind(job.id), SQLBind(UUID()), SQLBind(serial), SQLBind(number),
                SQLLiteral.string(ExecutionStatus.queued.rawValue), SQLBind(now), SQLBind(now),
                SQLBind(JSONValue.object(item.parameters)), SQLBind(requests[item.index].trigger),
                SQLBind(requests[item.index].triggeredBy),
            ])
        }
        var ids: [String: Int] = [:]
        for row in try await Self.insert(
            into: Execution.schema,
            columns: [
                "job_id", "execution_uuid", "execution_serial", "execution_number", "status", "scheduled_at",
                "created_at", "parameters", "trigger", "triggered_by",
            ], rows, returning: ["id", "execution_serial"], on: db)
        {
            ids[try row.decode(column: "execution_serial", as: String.self)] = try row.decode(
                column: "id", as: Int.self)
        }
        var logs: [[any SQLExpression]] = []
        var tasks: [[any SQLExpression]] = []
        var events: [[any SQLExpression]] = []
        var branches: [(serial: String, id: Int, job: Prepared)] = []
        for (item, serial) in zip(accepted, serials) {
            guard let id = ids[serial] else { continue }
            let job = item.job
            let trigger = requests[item.index].trigger
            outcomes[item.index] = .launched(executionID: id, serial: serial)
            branches.append((serial, id, job))
            let options = job.definition.draft.options
            logs.append(
                Self.logRow(
                    execution: id, .info,
                    "queued job '\(job.definition.draft.name)' on \(job.targetIDs.count) target(s)",
                    details: [
                        "trigger": .string(trigger),
                        "parameters": .object(JobOption.masked(item.parameters, options: options)), "rerun_of": .null,
                    ], at: now))
            if !job.leftOut.isEmpty {
                let names = job.leftOut.prefix(20).map { "\($0.name) (\($0.reason))" }.joined(separator: ", ")
                logs.append(
                    Self.logRow(
                        execution: id, .warning,
                        "left out \(job.leftOut.count) selected target(s) that can't run it: \(names)"
                            + (job.leftOut.count > 20 ? ", …" : ""),
                        details: ["left_out": .number(Double(job.leftOut.count))], at: now))
            }
            let task = TaskQueue.record(Self.taskName, args: ["execution_id": .number(Double(id))])
            tasks.append([
                SQLBind(task.taskUUID), SQLBind(task.taskSerial), SQLBind(task.taskID), SQLBind(task.taskName),
                SQLLiteral.string(task.status.rawValue), SQLBind(task.args), SQLBind(task.retries),
                SQLBind(task.maxRetries), SQLBind(task.queue), SQLBind(now),
            ])
            let event = try audit.event(
                .jobExecuted, resource: ("execution", String(id)),
                details: [
                    "job_id": .number(Double(job.definition.id)), "serial": .string(serial),
                    "targets": .number(Double(job.targetIDs.count)), "trigger": .string(trigger),
                    "left_out": .number(Double(job.leftOut.count)),
                ])
            events.append([
                SQLBind(event.occurredAt), SQLBind(event.actorUserID), SQLBind(event.actorName), SQLBind(event.action),
                SQLBind(event.outcome), SQLBind(event.severity), SQLBind(event.resourceType), SQLBind(event.resourceID),
                SQLBind(event.ipAddress), SQLBind(event.userAgent), SQLBind(event.requestID), SQLBind(event.details),
                SQLBind(event.checksum),
            ])
        }
        try await insertBranches(branches, at: now, on: db)
        _ = try await Self.insert(
            into: ExecutionLog.schema,
            columns: [
                "job_execution_id", "log_phase", "log_level", "log_category", "log_message", "log_details",
                "timestamp", "created_at",
            ], logs, on: db)
        _ = try await Self.insert(
            into: TaskRecord.schema,
            columns: [
                "task_uuid", "task_serial", "task_id", "task_name", "status", "args", "retries", "max_retries", "queue",
                "created_at",
            ], tasks, on: db)
        _ = try await Self.insert(
            into: AuditEvent.schema,
            columns: [
                "occurred_at", "actor_user_id", "actor_name", "action", "outcome", "severity", "resource_type",
                "resource_id", "ip_address", "user_agent", "request_id", "details", "checksum",
            ], events, on: db)
        return outcomes
    }

    /// Reads a job and its runnable targets once for a batch; a refusal is the job's requests' outcome.
    private func prepare(jobID: Int, on db: any Database) async throws -> Readiness {
        do {
            let launcher = ExecutionLauncher(database: db, vault: vault, audit: audit)
            let job = try await JobCatalog.job(jobID, on: db)
            let definition = try await JobCatalog(database: db, audit: audit).definition(of: job, on: db)
            let specs = try definition.specs()
            let (chosen, selected) = try await launcher.resolveTargets(of: definition, given: nil)
            var targetIDs = chosen
            let methods = try await TargetMethods.load(targetIDs, on: db)
            let leftOut = try Self.leaveOut(&targetIDs, selected: selected, specs: specs, methods: methods)
            return .ready(Prepared(definition: definition, targetIDs: targetIDs, methods: methods, leftOut: leftOut))
        } catch let error as any DomainError {
            return .refused(error.message)
        }
    }

    /// The row of a creation log line of an execution.
    private static func logRow(
        execution id: Int, _ level: ExecutionLogLevel, _ message: String, details: JSONValue, at now: Date
    ) -> [any SQLExpression] {
        [
            SQLBind(id), SQLLiteral.string(LogPhase.creation.rawValue), SQLLiteral.string(level.rawValue),
            SQLLiteral.string(LogCategory.system.rawValue), SQLBind(message), SQLBind(details), SQLBind(now),
            SQLBind(now),
        ]
    }

    /// Inserts rows in multi-row statements of at most 300 rows; the `returning` columns of every row.
    static func insert(
        into table: String, columns: [String], _ rows: [[any SQLExpression]], returning: [String] = [],
        on db: any Database
    ) async throws -> [any SQLRow] {
        let sql = db as! any SQLDatabase
        var returned: [any SQLRow] = []
        for chunk in rows.chunked(300) {
            var insert = sql.insert(into: table).columns(columns)
            for row in chunk { insert = insert.values(row) }
            if returning.isEmpty {
                try await insert.run()
            } else {
                returned += try await insert.returning(returning.map { SQLIdentifier($0) }).all()
            }
        }
        return returned
    }

    private func insertBranches(
        _ runs: [(serial: String, id: Int, job: Prepared)], at now: Date, on db: any Database
    ) async throws {
        var rows: [[any SQLExpression]] = []
        for (serial, id, job) in runs {
            for (index, targetID) in job.targetIDs.enumerated() {
                rows.append([
                    SQLBind(id), SQLBind(targetID), SQLBind(UUID()),
                    SQLBind(ExecutionSerials.branch(execution: serial, ordinal: index + 1)),
                    SQLBind(ExecutionSerials.branchID(ordinal: index + 1)),
                    SQLBind(job.methods.targets[targetID]?.serial),
                    SQLLiteral.string(ExecutionStatus.queued.rawValue), SQLBind(now), SQLBind(now),
                ])
            }
        }
        _ = try await Self.insert(
            into: ExecutionBranch.schema,
            columns: [
                "job_execution_id", "target_id", "branch_uuid", "branch_serial", "branch_id", "target_serial_ref",
                "status", "scheduled_at", "created_at",
            ], rows, on: db)
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements, as arrays.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
