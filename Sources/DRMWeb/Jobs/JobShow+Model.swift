import DRMCore
import DRMEngine
import DRMStore
import Vapor

extension JobShow {
    /// What the job's page shows: the job, the targets its forms offer, its latest runs, and the reader's role.
    struct Model: Sendable {
        var job: JobDefinition
        /// The targets to choose from, by name.
        var targets: [TargetChoice]
        /// The job's latest executions, newest first (up to 10).
        var runs: [ExecutionSummary]
        /// The reader's role: which forms the page offers.
        var role: UserRole

        /// The model of the `:id` parameter's job, read by engine queries (a 404 when there is no such job).
        static func load(_ request: Request) async throws -> Model {
            let role = try await request.require(.jobs).user.role
            let job = try await JobShow.job(request)
            return Model(
                job: job, targets: try await JobForm.targetChoices(request),
                runs: try await request.jobs.query.list(jobID: job.id, perPage: 10).items, role: role)
        }

        /// The target names by id, for the job's chosen targets.
        var targetNames: [Int: String] {
            Dictionary(targets.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        }

        func allows(_ action: Permission.Action) -> Bool { PermissionTable.allows(role, .init(.jobs, action)) }
    }
}
