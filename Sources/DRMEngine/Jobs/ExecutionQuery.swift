public import DRMCore
import DRMStore
public import FluentKit
import Foundation
import SQLKit

/// Reads executions back: lists, details, action results, logs (for followers) and exports.
public struct ExecutionQuery: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// A page of executions, newest first.
    public func list(
        jobID: Int? = nil, status: ExecutionStatus? = nil, page: Int = 1, perPage: Int = 50
    ) async throws -> (items: [ExecutionSummary], total: Int) {
        var query = Execution.query(on: database)
        if let jobID { query = query.filter(\.$jobID == jobID) }
        if let status { query = query.filter(\.$status == status) }
        let total = try await query.count()
        let executions = try await query.sort(\.$id, .descending).range(((page - 1) * perPage)..<(page * perPage)).all()
        return (try await summaries(executions), total)
    }

    public func summary(_ id: Int) async throws -> ExecutionSummary {
        guard let execution = try await Execution.find(id, on: database) else {
            throw JobError.notFound("execution \(id)")
        }
        return try await summaries([execution])[0]
    }

    /// The execution `reference` names: its id or its serial.
    public func find(_ reference: String) async throws -> ExecutionSummary {
        if let id = Int(reference) { return try await summary(id) }
        guard let execution = try await Execution.query(on: database).filter(\.$executionSerial == reference).first()
        else { throw JobError.notFound("execution '\(reference)'") }
        return try await summaries([execution])[0]
    }

    public func detail(_ id: Int) async throws -> ExecutionDetail {
        guard let execution = try await Execution.find(id, on: database) else {
            throw JobError.notFound("execution \(id)")
        }
        let summary = try await summaries([execution])[0]
        let branches = try await ExecutionBranch.query(on: database).filter(\.$jobExecutionID == id).sort(\.$id).all()
        let names = try await targetNames(branches.map(\.targetID))
        let reruns = try await ExecutionLog.query(on: database).filter(\.$jobExecutionID == id)
            .filter(\.$logPhase == .creation).sort(\.$id).first()
        var origin: ExecutionDetail.Origin?
        if case .number(let number)? = reruns?.logDetails?["rerun_of"],
            let first = try await Execution.find(Int(number), on: database)
        {
            origin = ExecutionDetail.Origin(id: Int(number), serial: first.executionSerial)
        }
        // Secret parameters are shown masked: this detail feeds the API, the page and the exports.
        var parameters = execution.parameters
        if case .object(let given)? = parameters, !given.isEmpty,
            let job = try await Job.find(execution.jobID, on: database)
        {
            let options = (try? job.options.decoded(as: [JobOption].self)) ?? []
            parameters = .object(JobOption.masked(given, options: options))
        }
        return ExecutionDetail(
            summary: summary, parameters: parameters, rerunOf: origin,
            branches: branches.map { branch in
                BranchView(
                    id: branch.id ?? 0, serial: branch.branchSerial, branchID: branch.branchID,
                    targetID: branch.targetID, targetName: names[branch.targetID] ?? "#\(branch.targetID)",
                    status: branch.status, startedAt: branch.startedAt, completedAt: branch.completedAt,
                    exitCode: branch.exitCode, output: branch.resultOutput, error: branch.resultError)
            })
    }

    /// The action results of an execution (of one branch when given), in branch then action order.
    public func results(executionID: Int, branchID: Int? = nil) async throws -> [ActionResultView] {
        var branches = ExecutionBranch.query(on: database).filter(\.$jobExecutionID == executionID)
        if let branchID { branches = branches.filter(\.$id == branchID) }
        let ids = try await branches.all().compactMap(\.id)
        let rows = try await TargetMethods.chunked(ids) {
            try await ActionResult.query(on: database).filter(\.$branchID ~~ $0).all()
        }
        return rows.sorted { ($0.branchID, $0.actionOrder) < ($1.branchID, $1.actionOrder) }.map { row in
            ActionResultView(
                id: row.id ?? 0, branchID: row.branchID, serial: row.actionSerial, order: row.actionOrder,
                name: row.actionName, type: row.actionType, status: row.status, startedAt: row.startedAt,
                completedAt: row.completedAt, executionTimeMS: row.executionTimeMs, exitCode: row.exitCode,
                output: row.resultOutput, error: row.resultError, command: row.commandExecuted,
                outputTruncated: row.outputTruncated, attempts: row.attempts)
        }
    }

    /// Log lines after `afterID`, oldest first (what a follower polls).
    public func logs(executionID: Int, after afterID: Int = 0, branchID: Int? = nil, limit: Int = 1000) async throws
        -> [ExecutionLogLine]
    {
        var query = ExecutionLog.query(on: database).filter(\.$jobExecutionID == executionID).filter(\.$id > afterID)
        if let branchID { query = query.filter(\.$branchID == branchID) }
        let rows = try await query.sort(\.$id).limit(limit).all()
        let branchIDs = Array(Set(rows.compactMap(\.branchID)))
        let branches = try await TargetMethods.chunked(branchIDs) {
            try await ExecutionBranch.query(on: database).filter(\.$id ~~ $0).all()
        }
        let targetOf = Dictionary(uniqueKeysWithValues: branches.compactMap { b in b.id.map { ($0, b.targetID) } })
        let names = try await targetNames(Array(Set(targetOf.values)))
        let endpoints = try await self.endpoints(Array(Set(targetOf.values)))
        return rows.map { row in
            let target = row.branchID.flatMap { targetOf[$0] }
            return ExecutionLogLine(
                id: row.id, branchID: row.branchID, targetName: target.flatMap { names[$0] },
                endpoint: target.flatMap { endpoints[$0] }, phase: row.logPhase, level: row.logLevel,
                category: row.logCategory, message: row.logMessage, details: row.logDetails,
                timestamp: row.timestamp ?? row.createdAt ?? Date())
        }
    }

    func summaries(_ executions: [Execution]) async throws -> [ExecutionSummary] {
        let ids = executions.compactMap(\.id)
        let sql = database as! any SQLDatabase
        let rows = try await TargetMethods.chunked(ids) { slice in
            try await sql.raw(
                """
                SELECT job_execution_id, CAST(status AS TEXT) AS status, count(*) AS n FROM job_execution_branches
                WHERE job_execution_id IN (\(binds: slice)) GROUP BY job_execution_id, status
                """
            ).all()
        }
        var counts: [Int: [String: Int]] = [:]
        for row in rows {
            counts[try row.decode(column: "job_execution_id", as: Int.self), default: [:]][
                try row.decode(column: "status", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        let jobs = try await TargetMethods.chunked(Array(Set(executions.map(\.jobID)))) {
            try await Job.query(on: database).filter(\.$id ~~ $0).all()
        }
        let jobByID = Dictionary(uniqueKeysWithValues: jobs.compactMap { job in job.id.map { ($0, job) } })
        let users = try await TargetMethods.chunked(Array(Set(executions.compactMap(\.triggeredBy)))) {
            try await User.query(on: database).filter(\.$id ~~ $0).all()
        }
        let userNames = Dictionary(
            uniqueKeysWithValues: users.compactMap { user in user.id.map { ($0, user.username) } })
        let now = Date()
        return executions.map { execution in
            let id = execution.id ?? 0
            let job = jobByID[execution.jobID]
            var summary = ExecutionSummary(
                id: id, serial: execution.executionSerial, number: execution.executionNumber, jobID: execution.jobID,
                jobName: job?.name ?? "#\(execution.jobID)", isAdhoc: job?.isAdhoc ?? false, status: execution.status,
                trigger: execution.trigger, triggeredBy: execution.triggeredBy, createdAt: execution.createdAt,
                startedAt: execution.startedAt, completedAt: execution.completedAt,
                cancelRequested: execution.cancelRequestedAt != nil, errorMessage: execution.errorMessage,
                targets: counts[id] ?? [:], totalTargets: counts[id]?.values.reduce(0, +) ?? 0)
            summary.triggeredByName = execution.triggeredBy.flatMap { userNames[$0] }
            summary.duration = summary.durationSeconds(now: now)
            return summary
        }
    }

    func targetNames(_ ids: [Int]) async throws -> [Int: String] {
        let targets = try await TargetMethods.chunked(Array(Set(ids))) {
            try await Target.query(on: database).filter(\.$id ~~ $0).all()
        }
        return Dictionary(uniqueKeysWithValues: targets.compactMap { target in target.id.map { ($0, target.name) } })
    }

    func endpoints(_ ids: [Int]) async throws -> [Int: String] {
        let methods = try await TargetMethods.load(ids, on: database)
        return methods.targets.mapValues { entry in
            if let ssh = entry.methods[.ssh]?.first, case .ssh(let config) = ssh.config {
                return HostPort.text(config.host, config.port)
            }
            return entry.methods.values.first?.first.map { $0.config.host } ?? "-"
        }
    }
}
