import DRMCore
import DRMEngine
import DRMStore
import Vapor

extension JobList {
    /// What the jobs page shows: one page of the jobs that match the search, each job's latest execution and
    /// target names (a few queries however many jobs), and the targets the create form offers.
    struct Model: Sendable {
        var search: String
        var jobs: [JobDefinition]
        var page: Int
        var perPage: Int
        var total: Int
        /// Each job's latest execution, by job id (none for a job never run).
        var latest: [Int: Execution]
        var targetNames: [Int: String]
        /// The targets the create form offers; `nil` when the reader may not create jobs.
        var createTargets: [TargetChoice]?

        /// The model of the request's search and page, read by engine queries.
        static func load(_ request: Request) async throws -> Model {
            let role = try await request.require(.jobs).user.role
            let search = request.query[String.self, at: "q"] ?? ""
            let page = try PageRequest(request)
            let (jobs, total) = try await request.jobs.catalog(request.audit).list(
                search: search, page: page.page, perPage: page.perPage)
            return Model(
                search: search, jobs: jobs, page: page.page, perPage: page.perPage, total: total,
                latest: try await request.jobList.latestExecutions(of: jobs.map(\.id)),
                targetNames: try await request.jobList.targetNames(jobs.flatMap(\.draft.targetIDs)),
                createTargets: PermissionTable.allows(role, .init(.jobs, .create))
                    ? try await JobForm.targetChoices(request) : nil)
        }
    }
}
