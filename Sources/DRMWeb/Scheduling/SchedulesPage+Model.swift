import DRMCore
import DRMEngine
import DRMStore
import Vapor

extension SchedulesPage {
    /// One schedule of the list: its job's name and its next runs in its zone (`nil` when they can't be computed).
    struct Row: Sendable {
        var record: ScheduleRecord
        var job: String
        var next: ScheduleCatalog.Preview?
    }

    /// What the schedules page shows: every schedule with its next three runs, the jobs the form offers, what the
    /// reader may do, and the preview of the form when asked for.
    struct Model: Sendable {
        var rows: [Row]
        var jobs: [JobChoice]
        var canCreate: Bool
        var canToggle: Bool
        var preview: ScheduleCatalog.Preview?

        static func load(_ request: Request, preview: ScheduleCatalog.Preview? = nil) async throws -> Model {
            let role = try await request.require(.schedules).user.role
            let catalog = request.application.environment.schedules(request.audit)
            let jobs = try await ScheduleShow.jobChoices(request)
            let names = Dictionary(jobs.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            var rows: [Row] = []
            for record in try await catalog.list() {
                let next = record.status == .active ? try? await catalog.preview(record.draft, count: 3) : nil
                rows.append(Row(record: record, job: names[record.draft.jobID] ?? "#\(record.draft.jobID)", next: next))
            }
            return Model(
                rows: rows, jobs: jobs, canCreate: PermissionTable.allows(role, .init(.schedules, .create)),
                canToggle: PermissionTable.allows(role, .init(.schedules, .update)), preview: preview)
        }
    }
}
