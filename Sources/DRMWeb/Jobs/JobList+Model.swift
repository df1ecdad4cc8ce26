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
        /// The create form's target picker; `nil` when the reader may not create jobs.
        var createPicker: TargetPicker?
        /// Whether the reader may run jobs (each row then has a Run button).
        var canRun = false

        /// The model of the request's search and page, read by engine queries.
        static func load(_ request: Request, form: JobForm? = nil) async throws -> Model {
            let role = try await request.require(.jobs).user.role
            let search = request.query[String.self, at: "q"] ?? ""
            let page = try PageRequest(request)
            let (jobs, total) = try await request.jobs.catalog(request.audit).list(
                search: search, page: page.page, perPage: page.perPage)
            return Model(
                search: search, jobs: jobs, page: page.page, perPage: page.perPage, total: total,
                latest: try await request.jobList.latestExecutions(of: jobs.map(\.id)),
                targetNames: try await request.jobList.targetNames(
                    jobs.flatMap { $0.draft.targetIDs.prefix(View.namesPerJob) }),
                createPicker: PermissionTable.allows(role, .init(.jobs, .create))
                    ? try await TargetPicker.load(request, stored: [], form: form, jobID: nil) : nil,
                canRun: PermissionTable.allows(role, .init(.jobs, .execute)))
        }
    }
}
