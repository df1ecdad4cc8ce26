import DRMCore
import DRMEngine
import Foundation
import Vapor

/// `/executions`: runs of jobs and ad-hoc commands, newest first, filtered by status (and job), in pages.
struct ExecutionsPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.executions.components, use: show)
    }

    func show(request: Request) async throws -> HTML {
        _ = try await request.require(.executions)
        let page = try PageRequest(request)
        let statusText = request.query[String.self, at: "status"] ?? ""
        let jobText = request.query[String.self, at: "job_id"] ?? ""
        var problem: String?
        let status = ExecutionStatus(rawValue: statusText)
        if status == nil && !statusText.isEmpty { problem = "status: not one of the choices" }
        let jobID = Int(jobText)
        if jobID == nil && !jobText.isEmpty { problem = "job_id: must be a job's id" }
        let (items, total) =
            problem == nil
            ? try await request.jobs.query.list(jobID: jobID, status: status, page: page.page, perPage: page.perPage)
            : ([], 0)
        let now = Date()
        let rows = items.map { execution -> HTML in
            """
            <tr data-execution="\(execution.serial)"><td><a href="\(SiteRoute.execution(.id(execution.id)).path)">\(execution.serial)</a></td>
            <td>\(Self.job(execution))</td>
            <td>\(Self.badge(execution.status))</td><td>\(execution.trigger)</td><td>\(Self.counts(execution.targets))</td>
            <td>\(Self.duration(execution.durationSeconds(now: now)))</td><td>\(Layout.time(execution.createdAt))</td></tr>
            """
        }
        let choices = ([""] + ExecutionStatus.allCases.map(\.rawValue)).map { value -> HTML in
            "<option value=\"\(value)\"\(HTML.flag("selected", value == statusText))>\(value.isEmpty ? "any" : Self.label(value))</option>"
        }
        let table: HTML =
            items.isEmpty
            ? "<p class=\"empty\">No executions match.</p>"
            : """
            <table id="executions"><thead><tr><th>Execution</th><th>Job</th><th>Status</th><th>Trigger</th><th>Targets</th><th>Duration</th><th>Created</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(Layout.pager(path: SiteRoute.executions.path, query: ["status": statusText, "job_id": jobText], page: page.page, perPage: page.perPage, total: total))
            """
        let jobField: HTML = jobText.isEmpty ? "" : "<input type=\"hidden\" name=\"job_id\" value=\"\(jobText)\">"
        return try Layout.page(
            request, .executions, error: problem,
            content: """
                <form method="get" action="\(SiteRoute.executions.path)" class="filters">\(jobField)
                <label>Status<select name="status">\(choices)</select></label><button>Filter</button></form>
                \(table)
                """)
    }

    /// The job of an execution, linked unless it is an ad-hoc command.
    static func job(_ execution: ExecutionSummary) -> HTML {
        execution.isAdhoc
            ? "\(execution.jobName)"
            : "<a href=\"\(SiteRoute.job(.id(execution.jobID)).path)\">\(execution.jobName)</a>"
    }

    /// A status as a coloured badge; `data-status` lets the live script change it.
    static func badge(_ status: ExecutionStatus) -> HTML {
        "<span class=\"badge status-\(status.rawValue)\" data-status=\"\(status.rawValue)\">\(label(status.rawValue))</span>"
    }

    static func label(_ status: String) -> String { status.replacingOccurrences(of: "_", with: " ") }

    /// Targets per status: "2 completed · 1 failed", in the order of ``ExecutionStatus``.
    static func counts(_ targets: [String: Int]) -> HTML {
        let parts = ExecutionStatus.allCases.compactMap { status -> HTML? in
            guard let count = targets[status.rawValue], count > 0 else { return nil }
            return "<span data-count=\"\(status.rawValue)\">\(count) \(label(status.rawValue))</span>"
        }
        guard let first = parts.first else { return "<span class=\"empty\">none</span>" }
        return parts.dropFirst().reduce(first) { "\($0) · \($1)" }
    }

    static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "—" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds)
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
