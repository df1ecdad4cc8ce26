import DRMCore
import DRMEngine
import DRMStore
import Foundation

extension ReportsPage {
    /// The reports page drawn from its model: the form, the report with its charts and export links, the latest
    /// runs.
    struct View {
        var model: Model

        var body: HTML {
            let chosen = model.form["report"] ?? ""
            let reports = ReportKind.allCases.map { kind -> HTML in
                "<option value=\"\(kind.rawValue)\"\(HTML.flag("selected", chosen == kind.rawValue))>\(kind.title)</option>"
            }
            let range = model.form["range"] ?? "7d"
            let ranges = ["1d", "7d", "30d", "custom"].map { name -> HTML in
                "<option\(HTML.flag("selected", range == name))>\(name)</option>"
            }
            let form: HTML = """
                <form method="get" action="\(SiteRoute.reports.path)" class="report-form">\
                <label>Report <select name="report">\(reports)</select></label> \
                <label>Range <select name="range">\(ranges)</select></label> \
                <label>From <input name="from" placeholder="2026-11-01T00:00:00Z" value="\(model.form["from"])"></label> \
                <label>To <input name="to" placeholder="2026-11-08T00:00:00Z" value="\(model.form["to"])"></label> \
                <label>Job ids <input name="job_id" placeholder="1,2" value="\(model.form["job_id"])"></label> \
                <label>Target tag <input name="tag" value="\(model.form["tag"])"></label> \
                <button>Show</button></form>
                """
            let error: HTML = model.error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
            var report: HTML = ""
            if let data = model.report {
                let exports = ReportFormat.allCases.map { format -> HTML in
                    var items = model.form.filter { $0.key != "format" && !$0.value.isEmpty }
                        .sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
                    items.append(URLQueryItem(name: "format", value: format.rawValue))
                    return
                        "<a class=\"export\" data-format=\"\(format.rawValue)\" href=\"\(SiteRoute.reports.path(items))\">\(format.rawValue.uppercased())</a> "
                }
                report = "<p class=\"exports\">Export: \(exports)</p>\(ReportRendering.body(data))"
            }
            let runs = model.recent.map { run -> HTML in
                let when = run.createdAt.map { ISO8601DateFormatter().string(from: $0) } ?? ""
                return
                    "<tr><td>\(run.id ?? 0)</td><td>\(run.name)</td><td>\(run.status ?? "")</td><td>\(when)</td></tr>"
            }
            let recent: HTML =
                runs.isEmpty
                ? "<p class=\"empty\">No report has run yet.</p>"
                : "<table id=\"report-runs\"><thead><tr><th>Run</th><th>Report</th><th>Status</th><th>When</th></tr></thead><tbody>\(runs)</tbody></table>"
            return "\(form)\(error)\(report)<h2>Latest runs</h2>\(recent)"
        }
    }
}
