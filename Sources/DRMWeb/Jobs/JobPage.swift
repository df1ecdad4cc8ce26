import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// `/jobs/{id}`: one job's definition and recent runs, the form that runs it (one input per option, targets to run
/// on instead), the edit form and the delete button — each shown only to roles that may use it.
struct JobPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("jobs", ":id", use: show)
        routes.post("jobs", ":id", use: save)
        routes.post("jobs", ":id", "delete", use: delete)
        routes.post("jobs", ":id", "run", use: run)
    }

    static let notices = ["created": "Job created.", "saved": "Job saved."]

    func show(request: Request) async throws -> HTML {
        try await render(request, notice: request.query[String.self, at: "notice"].flatMap { Self.notices[$0] })
    }

    /// The live job of the `:id` parameter (a 404 when there is none).
    static func job(_ request: Request) async throws -> JobDefinition {
        let id = try request.id(of: "job")
        return try await request.jobs.catalog(request.audit).find(String(id))
    }

    func render(_ request: Request, notice: String? = nil, error: String? = nil, form: JobForm? = nil) async throws
        -> HTML
    {
        let role = try await request.require(.jobs).user.role
        let job = try await Self.job(request)
        let draft = job.draft
        let targets = try await JobForm.targetChoices(request)
        let names = Dictionary(targets.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let actions = draft.actions.enumerated().map { index, action -> HTML in
            """
            <tr><td>\(index + 1)</td><td>\(action.type.rawValue)</td><td>\(action.name)</td>
            <td><pre>\(JobForm.json(action.parameters))</pre></td><td><pre>\(JobForm.json(action.config))</pre></td></tr>
            """
        }
        let options = draft.options.map { option -> HTML in
            """
            <tr><td>\(option.name)</td><td>\(option.type.rawValue)</td><td>\(option.required ? "yes" : "")</td>
            <td>\(option.defaultValue?.plainText)</td><td>\(option.allowed.joined(separator: ", "))</td><td>\(option.description)</td></tr>
            """
        }
        let chosen = draft.targetIDs.map { names[$0] ?? "#\($0)" }.joined(separator: ", ")
        let runs = try await request.jobs.query.list(jobID: job.id, perPage: 10).items
        let runRows = runs.map { run -> HTML in
            """
            <tr><td><a href="/executions/\(run.id)">\(run.serial)</a></td><td>\(ExecutionsPage.badge(run.status))</td>
            <td>\(ExecutionsPage.counts(run.targets))</td><td>\(Layout.time(run.createdAt))</td></tr>
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
            runs.isEmpty
            ? "<p class=\"empty\">Not run yet.</p>"
            : """
            <table id="runs"><thead><tr><th>Execution</th><th>Status</th><th>Targets</th><th>Created</th></tr></thead>
            <tbody>\(runRows)</tbody></table><p><a href="/executions?job_id=\(job.id)">All executions of this job</a></p>
            """
        var sections: [HTML] = []
        if PermissionTable.allows(role, .init(.jobs, .execute)) {
            sections.append(Self.runForm(request, job, targets: targets))
        }
        if PermissionTable.allows(role, .init(.jobs, .update)) {
            let edit = (form ?? JobForm(job)).render(
                request, action: "/jobs/\(job.id)", targets: targets, submit: "Save")
            sections.append("<h2>Edit</h2>\(edit)")
        }
        if PermissionTable.allows(role, .init(.jobs, .delete)) {
            sections.append(
                """
                <form method="post" action="/jobs/\(job.id)/delete" class="inline" data-confirm="Delete \(job.name)?">\(Layout.csrf(request))<button class="danger">Delete job</button></form>
                """)
        }
        return try Layout.page(
            request, .jobs, notice: notice, error: error,
            content: """
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
                <p><a href="/jobs">All jobs</a></p>
                """)
    }

    /// One input per option (a checkbox for a boolean, a number for an integer, a list when values are fixed) and
    /// the targets to run on instead of the job's own.
    static func runForm(_ request: Request, _ job: JobDefinition, targets: [(id: Int, name: String)]) -> HTML {
        let inputs = job.draft.options.map { option -> HTML in
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
            case .string:
                input = "<input name=\"\(name)\" value=\"\(fallback)\"\(required)>"
            }
            return "<label>\(option.name)\(option.description.map { " — \($0)" })\(input)</label>"
        }
        let targetOptions = targets.map { "<option value=\"\($0.id)\">\($0.name)</option>" as HTML }
        return """
            <h2>Run</h2><form method="post" action="/jobs/\(job.id)/run" class="card" id="run-job">\(Layout.csrf(request))
            \(inputs)<label>On these targets instead (optional)<select name="target_ids[]" multiple size="4">\(targetOptions)</select></label>
            <button>Run now</button></form>
            """
    }

    struct RunForm: Content {
        var options: [String: String]?
        var target_ids: [Int]?
    }

    func run(request: Request) async throws -> Response {
        try await request.require(.init(.jobs, .execute))
        let job = try await Self.job(request)
        let form = try request.content.decode(RunForm.self, using: JobForm.decoder)
        var parameters: [String: JSONValue] = [:]
        for option in job.draft.options {
            let value = form.options?[option.name] ?? ""
            if option.type == .boolean {
                parameters[option.name] = .bool(value == "true")
            } else if !value.isEmpty {
                parameters[option.name] = .string(value)
            }
        }
        let targetIDs = form.target_ids.flatMap { $0.isEmpty ? nil : $0 }
        let userID = try request.principal.userID
        request.rendersRefusals { message in try await render(request, error: message) }
        let launched = try await request.jobs.launcher(request.audit).launch(
            .init(jobID: job.id, parameters: parameters, targetIDs: targetIDs, triggeredBy: userID))
        return request.redirect(to: "/executions/\(launched.executionID)?notice=launched")
    }

    func save(request: Request) async throws -> Response {
        try await request.require(.init(.jobs, .update))
        let job = try await Self.job(request)
        let form = try request.content.decode(JobForm.self, using: JobForm.decoder)
        request.rendersRefusals { message in try await render(request, error: message, form: form) }
        _ = try await request.jobs.catalog(request.audit).update(job.id, with: try form.draft())
        return request.redirect(to: "/jobs/\(job.id)?notice=saved")
    }

    func delete(request: Request) async throws -> Response {
        try await request.require(.init(.jobs, .delete))
        let job = try await Self.job(request)
        let userID = try request.principal.userID
        try await request.jobs.catalog(request.audit).delete(job.id, by: userID)
        return request.redirect(to: "/jobs?notice=deleted")
    }
}
