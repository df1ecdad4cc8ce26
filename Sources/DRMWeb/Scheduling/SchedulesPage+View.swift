import DRMCore
import DRMEngine
import Foundation

extension SchedulesPage {
    /// The schedules page drawn from its model: a pure function of the model, the form token and, after a refusal
    /// or a preview, the form as it was sent.
    struct View {
        var model: Model
        var csrf: HTML
        var form: ScheduleForm?

        /// What a schedule's rule is, in a few words.
        static func rule(_ draft: ScheduleDraft) -> HTML {
            switch draft.kind {
            case .cron: return "cron <code>\(draft.cronExpression ?? "")</code>"
            case .interval: return "every \(String(draft.intervalSeconds ?? 0)) s"
            case .once: return "once"
            case .calendar:
                let calendar = draft.calendar
                let at: HTML = calendar?.time.map { " at \($0)" } ?? ""
                return "\(calendar?.recurringType ?? "calendar") every \(String(calendar?.interval ?? 1))\(at)"
            }
        }

        static func status(_ record: ScheduleRecord) -> HTML {
            let reason: HTML = record.pausedReason.map { " <span class=\"empty\">(\($0))</span>" } ?? ""
            return "<span class=\"badge status-\(record.status.rawValue)\">\(record.status.rawValue)</span>\(reason)"
        }

        func toggle(_ record: ScheduleRecord) -> HTML {
            guard model.canToggle, record.status == .active || record.status == .paused else { return "<td></td>" }
            let label = record.status == .paused ? "Resume" : "Pause"
            return
                "<td><form method=\"post\" action=\"\(SiteRoute.scheduleToggle(.id(record.id)).path)\" class=\"inline\">\(csrf)<button>\(label)</button></form></td>"
        }

        var body: HTML {
            let rows = model.rows.map { row -> HTML in
                let record = row.record
                let next: HTML =
                    row.next.map { preview in
                        let items = preview.fireTimes.map { fire -> HTML in
                            let mark: HTML = fire.adjustment.map { " <span class=\"dst\">\($0.phrase)</span>" } ?? ""
                            return "<li>\(fire.localISO8601)\(mark)</li>"
                        }
                        return items.isEmpty ? "—" : "<ol class=\"next-runs\">\(items)</ol>"
                    } ?? "—"
                return """
                    <tr data-schedule="\(record.draft.name)"><td><a href="\(SiteRoute.schedule(.id(record.id)).path)">\(record.draft.name)</a></td>
                    <td>\(row.job)</td><td>\(Self.rule(record.draft))</td><td>\(record.draft.timezone ?? "system")</td><td>\(next)</td>
                    <td>\(Layout.time(record.lastRunAt))</td><td>\(Self.status(record))</td>\(toggle(record))</tr>
                    """
            }
            let table: HTML =
                model.rows.isEmpty
                ? "<p class=\"empty\">No schedules yet.</p>"
                : """
                <table id="schedules"><thead><tr><th>Name</th><th>Job</th><th>When</th><th>Zone</th><th>Next runs (in its zone)</th><th>Last run</th><th>Status</th><th></th></tr></thead>
                <tbody>\(rows)</tbody></table>
                """
            let create: HTML =
                model.canCreate
                ? """
                <h2>New schedule</h2>\(model.preview.map { SchedulePreviewList.render($0) } ?? "")
                \((form ?? ScheduleForm()).render(csrf: csrf, action: SiteRoute.schedules.path, jobs: model.jobs, submit: "Create schedule"))
                """
                : ""
            return "\(table)\(create)"
        }
    }
}
