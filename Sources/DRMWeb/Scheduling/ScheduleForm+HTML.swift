import DRMCore
import DRMEngine
import Foundation

extension ScheduleForm {
    /// The form, posting to `action`: the job, the kind and its fields (each kind's fields in its own fieldset),
    /// the zone and the policies; a Preview button draws the next fire times before anything is saved.
    func render(csrf: HTML, action: String, jobs: [SchedulesPage.JobChoice], submit: String) -> HTML {
        func options(_ values: [String], _ chosen: String) -> [HTML] {
            values.map { "<option\(HTML.flag("selected", $0 == chosen))>\($0)</option>" }
        }
        let jobOptions = jobs.map { job -> HTML in
            "<option value=\"\(String(job.id))\"\(HTML.flag("selected", String(job.id) == jobID))>\(job.name)</option>"
        }
        let kinds = options(ScheduleDraft.Kind.allCases.map(\.rawValue), kind)
        let recurring = options(["minutes", "hours", "daily", "weekly", "monthly"], recurringType)
        let overlaps = options(OverlapPolicy.allCases.map(\.rawValue), overlapPolicy)
        let missed = options(MissedRunPolicy.allCases.map(\.rawValue), missedRunPolicy)
        return """
            <form method="post" action="\(action)" class="card schedule-form">\(csrf)
            <label>Name<input name="name" maxlength="255" value="\(name)" required></label>
            <label>Job<select name="job_id"><option value="">choose…</option>\(jobOptions)</select></label>
            <label>Kind<select name="kind">\(kinds)</select></label>
            <label>Time zone (IANA; empty: the system's)<input name="timezone" value="\(timezone)" placeholder="Europe/Berlin"></label>
            <fieldset data-kind="cron"><legend>cron</legend>
            <label>Expression (5 fields)<input name="cron_expression" value="\(cronExpression)" placeholder="30 2 * * MON-FRI"></label></fieldset>
            <fieldset data-kind="interval"><legend>interval</legend>
            <label>Every (seconds)<input name="interval_seconds" type="number" min="1" value="\(intervalSeconds)"></label></fieldset>
            <fieldset data-kind="once"><legend>once</legend>
            <label>At (wall time in the zone)<input name="run_at" type="datetime-local" value="\(runAt)"></label></fieldset>
            <fieldset data-kind="calendar"><legend>calendar</legend>
            <label>Repeats<select name="recurring_type">\(recurring)</select></label>
            <label>Every<input name="calendar_interval" type="number" min="1" value="\(calendarInterval)"></label>
            <label>At (HH:MM)<input name="time" value="\(time)" placeholder="02:30"></label>
            <label>Weekdays (0 Sunday … 6 Saturday)<input name="days_of_week" value="\(daysOfWeek)" placeholder="1,3,5"></label>
            <label>Day of month<input name="day_of_month" type="number" min="1" max="31" value="\(dayOfMonth)"></label></fieldset>
            <label>If the previous run is still going<select name="overlap_policy">\(overlaps)</select></label>
            <label>Missed runs<select name="missed_run_policy">\(missed)</select></label>
            <label>Maximum runs<input name="max_runs" type="number" min="1" value="\(maxRuns)"></label>
            <p><button name="action" value="preview">Preview</button> <button name="action" value="save">\(submit)</button></p>
            </form>
            """
    }
}

/// The next fire times of a schedule in its zone, with the DST marks and warnings.
enum SchedulePreviewList {
    static func render(_ preview: ScheduleCatalog.Preview, id: String = "preview") -> HTML {
        let items = preview.fireTimes.map { fire -> HTML in
            let mark: HTML = fire.adjustment.map { " <span class=\"dst\">\($0.phrase)</span>" } ?? ""
            return
                "<li><span class=\"local\">\(fire.localISO8601)</span> <span class=\"utc\">(\(fire.utcISO8601))</span>\(mark)</li>"
        }
        let warnings = preview.warnings.map { warning -> HTML in "<p class=\"warning\">\(warning)</p>" }
        return """
            <section id="\(id)"><h2>Next runs in \(preview.zone)</h2>\(warnings)
            \(items.isEmpty ? "<p class=\"empty\">It never fires again.</p>" as HTML : "<ol class=\"fire-times\">\(items)</ol>")</section>
            """
    }
}
