import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

extension JobShow {
    /// What the job's page shows: the job, its chosen targets and the pickers of its forms, its latest runs, and
    /// the reader's role.
    struct Model: Sendable {
        var job: JobDefinition
        /// The edit form's picker: the job's targets (the first ``TargetPicker/shownLimit`` by name) and the first
        /// page of choices.
        var picker: TargetPicker
        /// The run form's picker of targets to run on instead.
        var runPicker: TargetPicker
        /// The job's latest executions, newest first (up to 10).
        var runs: [ExecutionSummary]
        /// The reader's role: which forms the page offers.
        var role: UserRole
        /// Who started the latest runs, by user id.
        var userNames: [Int: String] = [:]
        /// The time a running execution's duration is counted to.
        var now = Date()

        /// The model of the `:id` parameter's job, read by engine queries (a 404 when there is no such job);
        /// `form` is a refused edit form, whose changes the picker shows again.
        static func load(_ request: Request, form: JobForm? = nil) async throws -> Model {
            let role = try await request.require(.jobs).user.role
            let job = try await JobShow.job(request)
            let picker = try await TargetPicker.load(request, stored: job.draft.targetIDs, form: form, jobID: job.id)
            // The run form offers the same first page of choices: read once.
            var choices = picker.choices
            choices.items = choices.items.map { TargetChoice(id: $0.id, name: $0.name, host: $0.host) }
            return Model(
                job: job, picker: picker,
                runPicker: TargetPicker(entries: [], chosenTotal: 0, choices: choices, removeField: nil),
                runs: try await request.jobs.query.list(jobID: job.id, perPage: 10).items, role: role,
                userNames: try await request.users.names())
        }

        /// The target names by id, for the job's chosen targets the picker lists.
        var targetNames: [Int: String] {
            Dictionary(picker.entries.map { ($0.choice.id, $0.choice.name) }, uniquingKeysWith: { first, _ in first })
        }

        func allows(_ action: Permission.Action) -> Bool { PermissionTable.allows(role, .init(.jobs, action)) }
    }
}
