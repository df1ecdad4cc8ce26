import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// `/jobs`: the job definitions with their last run, a search box, and the form that creates a job.
struct JobsPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.jobs.components, use: show)
        routes.post(SiteRoute.jobs.components, use: create)
    }

    static let notices = ["deleted": "Job deleted."]

    func show(request: Request) async throws -> HTML {
        try await render(request, notice: request.query[String.self, at: "notice"].flatMap { Self.notices[$0] })
    }

    func render(_ request: Request, notice: String? = nil, error: String? = nil, form: JobForm? = nil) async throws
        -> HTML
    {
        let role = try await request.require(.jobs).user.role
        let search = request.query[String.self, at: "q"] ?? ""
        let page = try PageRequest(request)
        let (jobs, total) = try await request.jobs.catalog(request.audit).list(
            search: search, page: page.page, perPage: page.perPage)
        let last = try await request.jobList.latestExecutions(of: jobs.map(\.id))
        let names = try await request.jobList.targetNames(jobs.flatMap(\.draft.targetIDs))
        let rows = jobs.map { job -> HTML in
            let targets = job.draft.targetIDs.map { names[$0] ?? "#\($0)" }.joined(separator: ", ")
            let filter: HTML = job.draft.targetFilter.map { " <code>\($0)</code>" } ?? ""
            let lastRun: HTML =
                last[job.id].map { execution in
                    "<a href=\"\(SiteRoute.execution(.id(execution.id ?? 0)).path)\">\(ExecutionsPage.badge(execution.status))</a> \(Layout.time(execution.createdAt))"
                } ?? "<span class=\"empty\">never run</span>"
            return """
                <tr data-job="\(job.name)"><td><a href="\(SiteRoute.job(.id(job.id)).path)">\(job.name)</a></td><td>\(job.serial)</td>
                <td>\(job.draft.actions.count)</td><td>\(targets)\(filter)</td><td>\(lastRun)</td></tr>
                """
        }
        let table: HTML =
            jobs.isEmpty
            ? "<p class=\"empty\">No jobs match.</p>"
            : """
            <table id="jobs"><thead><tr><th>Name</th><th>Serial</th><th>Actions</th><th>Targets</th><th>Last execution</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(Layout.pager(path: SiteRoute.jobs.path, query: ["q": search], page: page.page, perPage: page.perPage, total: total))
            """
        var createForm: HTML = ""
        if PermissionTable.allows(role, .init(.jobs, .create)) {
            let targets = try await JobForm.targetChoices(request)
            createForm = """
                <h2>New job</h2>\((form ?? JobForm()).render(csrf: Layout.csrf(request), action: SiteRoute.jobs.path, targets: targets, submit: "Create job"))
                """
        }
        return try Layout.page(
            request, .jobs, notice: notice, error: error,
            content: """
                <form method="get" action="\(SiteRoute.jobs.path)" class="filters">
                <label>Search name or serial<input name="q" value="\(search)"></label><button>Search</button></form>
                \(table)\(createForm)
                """)
    }

    func create(request: Request) async throws -> Response {
        try await request.require(.init(.jobs, .create))
        let form = try request.content.decode(JobForm.self, using: JobForm.decoder)
        let userID = try request.principal.userID
        request.rendersRefusals { message in try await render(request, error: message, form: form) }
        let job = try await request.jobs.catalog(request.audit).create(try form.draft(), createdBy: userID)
        return request.redirect(to: SiteRoute.job(.id(job.id)).path(notice: "created"))
    }
}
