import DRMCore
import DRMEngine
import DRMStore
import Vapor

extension ExecutionPage {
    /// What an execution's page shows: its summary, one page of its targets (filtered by status and name) with
    /// their action results, the first lines of its log, and the reader's role.
    struct Model: Sendable {
        var summary: ExecutionSummary
        var parameters: JSONValue?
        /// The page of targets shown.
        var branches: [BranchView]
        /// How many targets match the filters.
        var matching: Int
        var page: Int
        var perPage: Int
        /// The filters: a status (`""` for any) and text in the target's name.
        var status: String
        var name: String
        /// The action results of the shown targets, by branch id.
        var results: [Int: [ActionResultView]]
        var logs: [ExecutionLogLine]
        var role: UserRole

        /// The model of the `:id` parameter's execution and the request's filters and page, read by engine
        /// queries; a bad status is a 400 naming it.
        static func load(_ request: Request) async throws -> Model {
            let role = try await request.require(.executions).user.role
            let id = try request.id(of: "execution")
            let page = try PageRequest(request)
            let statusText = request.query[String.self, at: "status"] ?? ""
            let status = ExecutionStatus(rawValue: statusText)
            guard status != nil || statusText.isEmpty else {
                throw APIError(
                    .badRequest, code: "invalid_query", message: "status: not one of the choices", field: "status")
            }
            let name = request.query[String.self, at: "name"] ?? ""
            let query = request.jobs.query
            let summary = try await query.summary(id)
            let (branches, matching) = try await query.branches(
                executionID: id, status: status, name: name, offset: page.offset, limit: page.perPage)
            let results = try await query.results(branchIDs: branches.map(\.id))
            return Model(
                summary: summary, parameters: try await query.parameters(executionID: id), branches: branches,
                matching: matching, page: page.page, perPage: page.perPage, status: statusText, name: name,
                results: Dictionary(grouping: results, by: \.branchID),
                logs: try await query.logs(executionID: id, limit: ExecutionPage.logLimit), role: role)
        }

        /// Targets that have ended, of all.
        var done: Int {
            summary.targets.filter { ExecutionStatus(rawValue: $0.key)?.isTerminal ?? false }.values.reduce(0, +)
        }

        func allows(_ permission: Permission) -> Bool { PermissionTable.allows(role, permission) }
    }
}
