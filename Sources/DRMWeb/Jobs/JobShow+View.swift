import DRMCore
import DRMEngine

extension JobShow {
    /// The job's page drawn from its model: a pure function of the model, the form token and, after a refused
    /// save, the edit form as it was sent.
    struct View {
        var model: Model
        /// The hidden input that carries the form token.
        var csrf: HTML
        /// The edit form as sent, shown again after a refusal.
        var form: JobForm?

        var body: HTML {
            let job = model.job
            let draft = job.draft
            let names = model.targetNames
            let actions = draft.actions.enumerated().map { index, action -> HTML in
                """
                <tr><td>\(index + 1)</td><td>\(action.type.rawValue)</td><td>\(action.name)</td>
                <td>\(Self.readable(action.parameters))</td><td><pre>\(JobForm.json(action.config))</pre></td></tr>
                """
            }
            let options = draft.options.map { option -> HTML in
                """
                <tr><td>\(option.name)</td><td>\(option.type.rawValue)</td><td>\(option.required ? "yes" : "")\(option.secret ? " (secret)" : "")</td>
                <td>\(option.defaultValue?.plainText)</td><td>\(option.allowed.joined(separator: ", "))</td><td>\(option.description)</td></tr>
                """
            }
            let listed = draft.targetIDs.prefix(TargetPicker.shownLimit)
            let unlisted = draft.targetIDs.count - listed.count
            let chosen =
                listed.map { names[$0] ?? "#\($0)" }.joined(separator: ", ")
                + (unlisted > 0 ? " and \(unlisted) more" : "")
            let runRows = model.runs.map { run -> HTML in
                """
                <tr><td><a href="\(SiteRoute.execution(.id(run.id)).path)">\(run.serial)</a></td><td>\(ExecutionsPage.badge(run.status))</td>
                <td>\(ExecutionsPage.counts(run.targets))</td><td>\(run.triggeredBy.map { model.userNames[$0] ?? "#\($0)" } ?? run.trigger)</td>
                <td>\(ExecutionsPage.duration(run.durationSeconds(now: model.now)))</td><td>\(Layout.time(run.createdAt))</td></tr>
                """
            }
            let optionTable: HTML =
                options.isEmpty
                ? "<p class=\"empty\">No options.</p>"
                : """
                <table id="options"><thead><tr><th>Name</th><th>Type</th><th>Required</th><th>Default</th><th>Allowed</th><th>Description</th></tr></thead>
                <tbody>\(options)</tbody></table>
                """
            let runTable: HTML =
                model.runs.isEmpty
                ? "<p class=\"empty\">Not run yet.</p>"
                : """
                <table id="runs"><thead><tr><th>Execution</th><th>Status</th><th>Targets</th><th>By</th><th>Duration</th><th>Created</th></tr></thead>
                <tbody>\(runRows)</tbody></table><p><a href="\(SiteRoute.executions.path(["job_id": String(job.id)]))">All executions of this job</a></p>
                """
            var sections: [HTML] = []
            if model.allows(.execute) { sections.append(runForm) }
            if model.allows(.update) {
                let edit = (form ?? JobForm(job)).render(
                    csrf: csrf, action: SiteRoute.job(.id(job.id)).path, picker: model.picker, submit: "Save")
                sections.append("<h2>Edit</h2>\(edit)")
            }
            if model.allows(.delete) {
                sections.append(
                    """
                    <form method="post" action="\(SiteRoute.jobDelete(.id(job.id)).path)" class="inline" data-confirm="Delete \(job.name)?">\(csrf)<button class="danger">Delete job</button></form>
                    """)
            }
            return """
                <h2>\(job.name) <small>\(job.serial)</small></h2>
                <dl class="facts"><dt>Description</dt><dd>\(draft.description ?? "—")</dd>
                <dt>Targets</dt><dd>\(chosen.isEmpty ? "—" : chosen)</dd>
                <dt>Target filter</dt><dd>\(draft.targetFilter.map { "<code>\($0)</code>" as HTML } ?? "—")</dd>
                <dt>Parallelism</dt><dd>\(draft.parallelism)</dd><dt>On failure</dt><dd>\(draft.failurePolicy.rawValue)</dd>
                <dt>Time-out</dt><dd>\(draft.timeoutSeconds.map { "\($0) s" } ?? "none")</dd><dt>Priority</dt><dd>\(draft.priority)</dd></dl>
                <h2>Actions</h2><table id="actions"><thead><tr><th>#</th><th>Type</th><th>Name</th><th>Parameters</th><th>Config</th></tr></thead>
                <tbody>\(actions)</tbody></table>
                <h2>Options</h2>\(optionTable)
                <h2>Recent executions</h2>\(runTable)
                \(sections)
                <p><a href="\(SiteRoute.jobs.path)">All jobs</a></p>
                """
        }

        /// An action's parameters for people: each one by name, a text value as written (a script's lines as
        /// lines, not one escaped JSON string), other values as JSON.
        static func readable(_ parameters: JSONValue) -> HTML {
            guard case .object(let fields) = parameters, !fields.isEmpty else {
                return "<pre>\(JobForm.json(parameters))</pre>"
            }
            let rows = fields.sorted { $0.key < $1.key }.map { key, value -> HTML in
                let shown: HTML =
                    if case .string(let text) = value { "<pre class=\"script\">\(text)</pre>" } else {
                        "<pre>\(JobForm.json(value))</pre>"
                    }
                return "<dt>\(key)</dt><dd>\(shown)</dd>"
            }
            return "<dl class=\"parameters\">\(rows)</dl>"
        }

        /// One input per option (a checkbox for a boolean, a number for an integer, a list when values are fixed)
        /// and the targets to run on instead of the job's own.
        var runForm: HTML {
            let inputs = model.job.draft.options.map { option -> HTML in
                let name = "options[\(option.name)]"
                let fallback = option.defaultValue?.plainText ?? ""
                let required = HTML.flag("required", option.required && option.defaultValue == nil)
                let input: HTML
                switch option.type {
                case .boolean:
                    input =
                        "<input type=\"checkbox\" name=\"\(name)\" value=\"true\"\(HTML.flag("checked", option.defaultValue == .bool(true)))>"
                case .integer:
                    input = "<input type=\"number\" step=\"1\" name=\"\(name)\" value=\"\(fallback)\"\(required)>"
                case .string where !option.allowed.isEmpty:
                    let choices = option.allowed.map { value -> HTML in
                        "<option\(HTML.flag("selected", value == fallback))>\(value)</option>"
                    }
                    let blank: HTML = option.required ? "" : "<option value=\"\"></option>"
                    input = "<select name=\"\(name)\">\(blank)\(choices)</select>"
                case .string where option.secret:
                    input = "<input type=\"password\" autocomplete=\"off\" name=\"\(name)\"\(required)>"
                case .string:
                    input = "<input name=\"\(name)\" value=\"\(fallback)\"\(required)>"
                }
                return "<label>\(option.name)\(option.description.map { " — \($0)" })\(input)</label>"
            }
            return """
                <h2>Run</h2><form method="post" action="\(SiteRoute.jobRun(.id(model.job.id)).path)" class="card" id="run-job">\(csrf)
                \(inputs)\(model.runPicker.render(legend: "On these targets instead (optional)"))
                <button>Run now</button></form>
                """
        }
    }
}
