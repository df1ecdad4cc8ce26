import DRMCore
import DRMEngine
import Foundation

extension ExecutionPage {
    /// An execution's page drawn from its model: a pure function of the model and the form token. While the run
    /// goes on, the page script keeps the status, start, counts, progress and log live (`data-events`).
    struct View {
        var model: Model
        /// The hidden input that carries the form token.
        var csrf: HTML

        var body: HTML {
            let summary = model.summary
            let id = summary.id
            let terminal = summary.status.isTerminal
            var buttons: [HTML] = []
            if !terminal && model.allows(.init(.executions, .execute)) {
                buttons.append(
                    "<form method=\"post\" action=\"\(SiteRoute.executionCancel(.id(id)).path)\" class=\"inline\" data-confirm=\"Cancel \(summary.serial)?\">\(csrf)<button class=\"danger\">Cancel</button></form>"
                )
            }
            if terminal && (summary.targets[ExecutionStatus.completed.rawValue] ?? 0) < summary.totalTargets
                && model.allows(.init(.jobs, .execute))
            {
                buttons.append(
                    "<form method=\"post\" action=\"\(SiteRoute.executionRerunFailed(.id(id)).path)\" class=\"inline\">\(csrf)<button>Rerun failed</button></form>"
                )
            }
            buttons.append(
                "<a class=\"button\" href=\"\(SiteRoute.executionExport(.id(id), format: "csv").path)\">Export CSV</a> <a class=\"button\" href=\"\(SiteRoute.executionExport(.id(id), format: "json").path)\">Export JSON</a>"
            )
            let live: HTML =
                terminal
                ? ""
                : " data-events=\"\(SiteRoute.executionEvents(.id(id)).path(["after_id": String(model.logs.last?.id ?? 0)]))\""
            let parameters: HTML =
                (model.parameters.map { $0 == .object([:]) } ?? true)
                ? "—" : "<code>\(JobForm.json(model.parameters))</code>"
            let rows = model.branches.map { branch in
                ExecutionPage.branchRows(branch, results: model.results[branch.id] ?? [])
            }
            let table: HTML =
                rows.isEmpty
                ? "<p class=\"empty\">No targets match.</p>"
                : """
                <table id="branches"><thead><tr><th>Target</th><th>Branch</th><th>Status</th><th>Duration</th><th>Exit code</th><th>Error</th></tr></thead>
                <tbody>\(rows)</tbody></table>
                \(Layout.pager(path: SiteRoute.execution(.id(id)).path, query: ["status": model.status, "name": model.name], page: model.page, perPage: model.perPage, total: model.matching))
                """
            let choices = ([""] + ExecutionStatus.allCases.map(\.rawValue)).map { value -> HTML in
                "<option value=\"\(value)\"\(HTML.flag("selected", value == model.status))>\(value.isEmpty ? "any" : ExecutionsPage.label(value))</option>"
            }
            return """
                <h2 id="heading">\(summary.serial) \(ExecutionsPage.badge(summary.status))</h2>
                <dl class="facts" id="summary"><dt>Job</dt><dd>\(ExecutionsPage.job(summary))</dd>
                <dt>Trigger</dt><dd>\(summary.trigger)</dd><dt>Parameters</dt><dd>\(parameters)</dd>
                <dt>Created</dt><dd>\(Layout.time(summary.createdAt))</dd><dt>Started</dt><dd id="started">\(Layout.time(summary.startedAt))</dd>
                <dt>Completed</dt><dd>\(Layout.time(summary.completedAt))</dd>
                <dt>Duration</dt><dd>\(ExecutionsPage.duration(summary.durationSeconds()))</dd>
                <dt>Progress</dt><dd><progress id="progress" max="\(max(summary.totalTargets, 1))" value="\(model.done)"></progress> <span id="progress-text">\(model.done) of \(summary.totalTargets) done</span></dd>
                <dt>Targets</dt><dd id="counts">\(ExecutionsPage.counts(summary.targets))</dd>
                \(summary.cancelRequested && !terminal ? "<dt>Cancel</dt><dd>requested</dd>" as HTML : "")
                \(summary.errorMessage.map { "<dt>Error</dt><dd class=\"outcome-failure\">\($0)</dd>" as HTML } ?? "")</dl>
                <p class="buttons">\(buttons)</p>
                <h2>Targets</h2>
                <form method="get" action="\(SiteRoute.execution(.id(id)).path)" class="filters" id="branch-filter">
                <label>Status<select name="status">\(choices)</select></label>
                <label>Target name<input name="name" value="\(model.name)"></label><button>Filter</button></form>
                \(table)
                <h2>Log</h2><div id="log" class="log"\(live)>\(model.logs.map(ExecutionPage.logLine))</div>
                \(model.logs.count == ExecutionPage.logLimit ? "<p class=\"empty\">The first \(ExecutionPage.logLimit) lines are shown; the export has every target's output.</p>" as HTML : "")
                <p><a href="\(SiteRoute.executions.path)">All executions</a></p>
                """
        }
    }
}
