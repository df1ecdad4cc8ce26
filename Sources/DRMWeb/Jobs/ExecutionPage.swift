import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// `/executions/{id}`: one execution — summary and progress, a page of its targets (filtered by status and name)
/// with their action results, the log — a model (``ExecutionPage/Model``) drawn by a view, kept live by the page
/// script through `/executions/{id}/events` while it runs; cancel, rerun of the failed targets, and
/// exports, all on the cookie session.
struct ExecutionPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.execution(.parameter).components, use: show)
        routes.post(SiteRoute.executionCancel(.parameter).components, use: cancel)
        routes.post(SiteRoute.executionRerunFailed(.parameter).components, use: rerunFailed)
        routes.get(SiteRoute.executionExport(.parameter, format: "csv").components) { request in
            try await Self.export(request, format: "csv")
        }
        routes.get(SiteRoute.executionExport(.parameter, format: "json").components) { request in
            try await Self.export(request, format: "json")
        }
        routes.get(SiteRoute.executionEvents(.parameter).components) { request in
            _ = try await request.require(.executions)
            return try await ExecutionsController().events(request: request)
        }
    }

    static let notices = [
        "launched": "Execution queued.", "cancelled": "Cancel requested.", "rerun": "Failed targets queued again.",
    ]

    /// How many log lines the page shows before the live ones.
    static let logLimit = 500

    func show(request: Request) async throws -> HTML {
        try await render(request, notice: request.query[String.self, at: "notice"].flatMap { Self.notices[$0] })
    }

    func render(_ request: Request, notice: String? = nil, error: String? = nil) async throws -> HTML {
        let model = try await Model.load(request)
        return try Layout.page(
            request, .executions, notice: notice, error: error,
            content: View(model: model, csrf: Layout.csrf(request)).body)
    }

    /// A target's row and, under it, its action results to unfold.
    static func branchRows(_ branch: BranchView, results: [ActionResultView]) -> HTML {
        let actions = results.map { result -> HTML in
            """
            <div class="result"><b>\(result.order). \(result.name)</b> (\(result.type.rawValue)) \(ExecutionsPage.badge(result.status))
            \(result.exitCode.map { "exit \($0)" })\(result.executionTimeMS.map { " · \($0) ms" })\(result.attempts > 1 ? " · \(result.attempts) attempts" : "")
            \(result.command.map { "<pre class=\"command\">$ \($0)</pre>" as HTML } ?? "")
            \(result.output.map { "<pre>\($0)</pre>" as HTML } ?? "")\(result.outputTruncated ? "<p class=\"empty\">output truncated</p>" as HTML : "")
            \(result.error.map { "<pre class=\"outcome-failure\">\($0)</pre>" as HTML } ?? "")</div>
            """
        }
        let fallback: HTML =
            actions.isEmpty
            ? "\(branch.output.map { "<pre>\($0)</pre>" as HTML } ?? "<p class=\"empty\">No results yet.</p>")"
            : ""
        return """
            <tr data-branch="\(branch.id)"><td><a href="\(SiteRoute.target(.id(branch.targetID)).path)">\(branch.targetName)</a></td><td>\(branch.branchID)</td>
            <td>\(ExecutionsPage.badge(branch.status))</td><td>\(ExecutionsPage.duration(branch.durationSeconds))</td>
            <td>\(branch.exitCode.map(String.init))</td><td class="outcome-failure">\(branch.error)</td></tr>
            <tr class="output"><td colspan="6"><details><summary>Output of \(branch.targetName)</summary>\(actions)\(fallback)</details></td></tr>
            """
    }

    /// One log line, as the page script also draws it.
    static func logLine(_ line: ExecutionLogLine) -> HTML {
        let time = ISO8601DateFormatter().string(from: line.timestamp)
        return """
            <div class="log-line level-\(line.level.rawValue)">\(time) \(line.level.rawValue) \(line.phase.rawValue)\(line.targetName.map { " [\($0)]" }) \(line.message)</div>
            """
    }

    func cancel(request: Request) async throws -> Response {
        try await request.require(.init(.executions, .execute))
        let id = try request.id(of: "execution")
        request.rendersRefusals { message in try await render(request, error: message) }
        _ = try await request.jobs.cancel(executionID: id, audit: request.audit)
        return request.redirect(to: SiteRoute.execution(.id(id)).path(notice: "cancelled"))
    }

    func rerunFailed(request: Request) async throws -> Response {
        try await request.require(.init(.jobs, .execute))
        let id = try request.id(of: "execution")
        let userID = try request.principal.userID
        request.rendersRefusals { message in try await render(request, error: message) }
        let launched = try await request.jobs.rerunFailed(executionID: id, audit: request.audit, by: userID)
        return request.redirect(to: SiteRoute.execution(.id(launched.executionID)).path(notice: "rerun"))
    }

    /// The per-target results as a CSV or JSON download.
    static func export(_ request: Request, format: String) async throws -> Response {
        _ = try await request.require(.executions)
        let id = try request.id(of: "execution")
        return try await ExecutionsController.download(request, execution: id, format: format)
    }
}
