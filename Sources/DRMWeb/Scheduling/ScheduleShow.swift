import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// `/schedules/:id`, served by ``SchedulesPage``: one schedule's form, its next ten runs in its zone (or the
/// form's preview), and its latest occurrences with their statuses and executions.
enum ScheduleShow {
    /// The jobs a schedule form offers (live jobs, by name).
    static func jobChoices(_ request: Request) async throws -> [SchedulesPage.JobChoice] {
        let (jobs, _) = try await request.jobs.catalog(request.audit).list(page: 1, perPage: 1000)
        return jobs.filter { !$0.isAdhoc }.map { SchedulesPage.JobChoice(id: $0.id, name: $0.name) }
    }

    struct Model: Sendable {
        var record: ScheduleRecord
        var jobs: [SchedulesPage.JobChoice]
        var preview: ScheduleCatalog.Preview?
        /// Whether the shown preview is of the form as sent, not of the stored schedule.
        var previewOfForm: Bool
        var occurrences: [ScheduleOccurrence]
        var canEdit: Bool

        static func load(_ request: Request, id: Int, preview: ScheduleCatalog.Preview? = nil) async throws -> Model {
            let role = try await request.require(.schedules).user.role
            let catalog = request.application.environment.schedules(request.audit)
            let record = try await catalog.find(id)
            let stored = try? await catalog.preview(record.draft)
            return Model(
                record: record, jobs: try await jobChoices(request), preview: preview ?? stored,
                previewOfForm: preview != nil, occurrences: try await catalog.occurrences(of: id, perPage: 20).items,
                canEdit: PermissionTable.allows(role, .init(.schedules, .update)))
        }
    }

    struct View {
        var model: Model
        var csrf: HTML
        var form: ScheduleForm?

        var body: HTML {
            let record = model.record
            let rows = model.occurrences.map { occurrence -> HTML in
                let execution: HTML =
                    occurrence.executionID.map { "<a href=\"\(SiteRoute.execution(.id($0)).path)\">#\(String($0))</a>" }
                    ?? "—"
                return """
                    <tr><td>\(Layout.time(occurrence.scheduledAt))</td><td><span class="badge occurrence-\(occurrence.status.rawValue)">\(occurrence.status.rawValue)</span></td>
                    <td>\(execution)</td><td>\(occurrence.summary ?? occurrence.error ?? "")</td></tr>
                    """
            }
            let history: HTML =
                rows.isEmpty
                ? "<p class=\"empty\">It has not fired yet.</p>"
                : """
                <table id="occurrences"><thead><tr><th>Scheduled</th><th>Status</th><th>Execution</th><th>Outcome</th></tr></thead>
                <tbody>\(rows)</tbody></table>
                """
            let editForm: HTML =
                model.canEdit
                ? "<h2>Edit</h2>\((form ?? ScheduleForm(record)).render(csrf: csrf, action: SiteRoute.schedule(.id(record.id)).path, jobs: model.jobs, submit: "Save schedule"))"
                : ""
            return """
                <p class="schedule-summary"><b>\(record.draft.name)</b> · \(SchedulesPage.View.rule(record.draft)) · \(record.draft.timezone ?? "system zone") · \(SchedulesPage.View.status(record)) · runs \(String(record.currentRuns))</p>
                \(model.preview.map { SchedulePreviewList.render($0, id: model.previewOfForm ? "preview" : "next-runs") } ?? "")
                <h2>History</h2>\(history)
                \(editForm)
                """
        }
    }
}
