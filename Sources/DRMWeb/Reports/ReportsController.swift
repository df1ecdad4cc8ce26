import DRMCore
import DRMEngine
import Foundation
import Vapor

/// `/api/v1/reports`: the reports drawn from the rollups (JSON, CSV or HTML with SVG charts), each run recorded in
/// `generated_reports`; `/api/v1/retention`: what retention would delete, and a purge now; pins of executions.
struct ReportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let reports = routes.grouped("api", "v1", "reports")
        let read = Access.permission(.init(.analytics, .read))
        reports.endpoint(
            .GET, access: read, summary: "The reports and the latest runs", returns: ReportListResponse.self, use: list)
        reports.endpoint(
            .GET, ":name", access: read,
            summary:
                "Run a report (job-success, target-health, durations, queue-load, summary) over range 1d, 7d, 30d, "
                + "Nd or custom (from, to), for job_id (comma separated) and target tag; format json, csv or html",
            query: ReportRequest.query, produces: ReportFormat.allCases.map(\.contentType), returns: ReportData.self,
            use: run)
        let retention = routes.grouped("api", "v1", "retention")
        retention.endpoint(
            .GET, "plan", access: .permission(.init(.settings, .read)),
            summary: "What retention would delete now: rows and bytes per kind (deletes nothing)",
            returns: RetentionResponse.self, use: plan)
        retention.endpoint(
            .POST, "run", access: .permission(.init(.settings, .update)),
            summary: "Purge now what the retention settings say (audited)", returns: RetentionResponse.self,
            use: purge)
        let pins = routes.grouped("api", "v1", "executions", ":id", "pin")
        let execute = Access.permission(.init(.executions, .execute))
        pins.endpoint(
            .POST, access: execute, summary: "Pin an execution: retention never deletes it",
            returns: PinResponse.self, use: pin)
        pins.endpoint(
            .DELETE, access: execute, summary: "Unpin an execution", returns: PinResponse.self,
            use: unpin)
    }

    func list(request: Request) async throws -> ReportListResponse {
        let runs = try await request.useCases.reportRuns.recent()
        return ReportListResponse(
            reports: ReportKind.allCases.map { .init(name: $0.rawValue, title: $0.title) },
            runs: runs.map(ReportListResponse.Run.init))
    }

    func run(request: Request) async throws -> Response {
        let input = try ReportRequest(request, now: request.application.environment.now())
        let run = try await request.useCases.reportRuns.run(
            input.kind, range: input.range, jobIDs: input.jobIDs, tag: input.tag, by: try? request.principal.userID)
        let body = try ReportRendering.render(run.data, as: input.format)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: input.format.contentType)
        headers.replaceOrAdd(name: "X-Report-Run", value: String(run.id))
        if input.format != .json {
            headers.replaceOrAdd(
                name: .contentDisposition,
                value: "attachment; filename=\"\(input.kind.rawValue)-\(input.range.name).\(input.format.rawValue)\"")
        }
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        if input.format == .html {
            headers.replaceOrAdd(
                name: "Content-Security-Policy", value: "default-src 'none'; img-src data:; style-src 'self'")
        }
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }

    func plan(request: Request) async throws -> RetentionResponse {
        let policy = try await request.settings.retentionPolicy()
        return RetentionResponse(try await request.useCases.retentionPurge.plan(policy), policy: policy)
    }

    func purge(request: Request) async throws -> RetentionResponse {
        let policy = try await request.settings.retentionPolicy()
        return RetentionResponse(
            try await request.useCases.retentionPurge.run(policy, audit: request.audit), policy: policy)
    }

    func pin(request: Request) async throws -> PinResponse {
        let id = try request.id(of: "execution")
        return PinResponse(executionID: id, pinnedAt: try await request.useCases.executionPins.set(id, pinned: true))
    }

    func unpin(request: Request) async throws -> PinResponse {
        let id = try request.id(of: "execution")
        return PinResponse(executionID: id, pinnedAt: try await request.useCases.executionPins.set(id, pinned: false))
    }
}
