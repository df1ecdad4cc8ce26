public import DRMCore
import DRMStore
import FluentKit
import Foundation

extension ExecutionQuery {
    /// One page of an execution's targets (branches, in branch order), those of `status` whose target's name
    /// contains `name` (without regard to case), and how many match in all: what the execution page shows of a run
    /// of any size.
    public func branches(
        executionID: Int, status: ExecutionStatus? = nil, name: String? = nil, offset: Int = 0, limit: Int = 50
    ) async throws -> (items: [BranchView], total: Int) {
        var query = ExecutionBranch.query(on: database).filter(\.$jobExecutionID == executionID)
        if let status { query = query.filter(\.$status == status) }
        let page: [ExecutionBranch]
        let total: Int
        let text = name?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if text.isEmpty {
            total = try await query.count()
            page = try await query.sort(\.$id).range(offset..<(offset + limit)).all()
        } else {
            let all = try await query.copy().field(\.$id).field(\.$targetID).sort(\.$id).all()
            let names = try await targetNames(Array(Set(all.map(\.targetID))))
            let matching = all.filter { (names[$0.targetID] ?? "").lowercased().contains(text) }.compactMap(\.id)
            total = matching.count
            let ids = Array(matching.dropFirst(offset).prefix(limit))
            page =
                ids.isEmpty ? [] : try await ExecutionBranch.query(on: database).filter(\.$id ~~ ids).sort(\.$id).all()
        }
        let names = try await targetNames(page.map(\.targetID))
        let items = page.map { branch in
            BranchView(
                id: branch.id ?? 0, serial: branch.branchSerial, branchID: branch.branchID, targetID: branch.targetID,
                targetName: names[branch.targetID] ?? "#\(branch.targetID)", status: branch.status,
                startedAt: branch.startedAt, completedAt: branch.completedAt, exitCode: branch.exitCode,
                output: branch.resultOutput, error: branch.resultError)
        }
        return (items, total)
    }

    /// The action results of the branches `branchIDs`, in branch then action order.
    public func results(branchIDs: [Int]) async throws -> [ActionResultView] {
        let rows = try await TargetMethods.chunked(branchIDs) {
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
}

extension ExecutionQuery {
    /// The parameters an execution ran with.
    public func parameters(executionID: Int) async throws -> JSONValue? {
        guard let execution = try await Execution.find(executionID, on: database) else {
            throw JobError.notFound("execution \(executionID)")
        }
        return execution.parameters
    }
}
