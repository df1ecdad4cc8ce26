import DRMCore
import DRMEngine
import DRMStore

extension JobList {
    /// The jobs page drawn from its model: a pure function of the model, the form token and, after a refused
    /// create, the form as it was sent.
    struct View {
        var model: Model
        /// The hidden input that carries the form token.
        var csrf: HTML
        /// The create form as sent, shown again after a refusal.
        var form: JobForm?

        /// A row's Run button: runs the job on its own targets with its options' defaults (a job whose options
        /// need values opens its page instead).
        func run(_ job: JobDefinition) -> HTML {
            guard model.canRun else { return "" }
            if job.draft.options.contains(where: { $0.required && $0.defaultValue == nil }) {
                return "<td><a class=\"button\" href=\"\(SiteRoute.job(.id(job.id)).path)#run-job\">Run…</a></td>"
            }
            return
                "<td><form method=\"post\" action=\"\(SiteRoute.jobRun(.id(job.id)).path)\" class=\"inline\">\(csrf)<button>Run</button></form></td>"
        }

        /// How many target names a job's row lists.
        static let namesPerJob = 5

        var body: HTML {
            let rows = model.jobs.map { job -> HTML in
                let ids = job.draft.targetIDs
                let targets =
                    ids.prefix(Self.namesPerJob).map { model.targetNames[$0] ?? "#\($0)" }.joined(separator: ", ")
                    + (ids.count > Self.namesPerJob ? " and \(ids.count - Self.namesPerJob) more" : "")
                let filter: HTML = job.draft.targetFilter.map { " <code>\($0)</code>" } ?? ""
                let lastRun: HTML =
                    model.latest[job.id].map { execution in
                        "<a href=\"\(SiteRoute.execution(.id(execution.id ?? 0)).path)\">\(ExecutionsPage.badge(execution.status))</a> \(Layout.time(execution.createdAt))"
                    } ?? "<span class=\"empty\">never run</span>"
                return """
                    <tr data-job="\(job.name)"><td><a href="\(SiteRoute.job(.id(job.id)).path)">\(job.name)</a></td><td>\(job.serial)</td>
                    <td>\(job.draft.actions.count)</td><td>\(targets)\(filter)</td><td>\(lastRun)</td>\(run(job))</tr>
                    """
            }
            let table: HTML =
                model.jobs.isEmpty
                ? "<p class=\"empty\">No jobs match.</p>"
                : """
                <table id="jobs"><thead><tr><th>Name</th><th>Serial</th><th>Actions</th><th>Targets</th><th>Last execution</th>\(model.canRun ? "<th></th>" as HTML : "")</tr></thead>
                <tbody>\(rows)</tbody></table>
                \(Layout.pager(path: SiteRoute.jobs.path, query: ["q": model.search], page: model.page, perPage: model.perPage, total: model.total))
                """
            let createForm: HTML =
                model.createPicker.map { picker in
                    """
                    <h2>New job</h2>\((form ?? JobForm()).render(csrf: csrf, action: SiteRoute.jobs.path, picker: picker, submit: "Create job"))
                    """
                } ?? ""
            return """
                <form method="get" action="\(SiteRoute.jobs.path)" class="filters">
                <label>Search name or serial<input name="q" value="\(model.search)"></label><button>Search</button></form>
                \(table)\(createForm)
                """
        }
    }
}
