import DRMCore
import DRMEngine
import Foundation
import Vapor

/// `/api/v1/executions`: runs of jobs and ad-hoc commands — lists, details, results, logs (also live, as
/// Server-Sent Events), cancel, rerun of failed targets and export.
struct ExecutionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let executions = routes.grouped("api", "v1", "executions")
        let read = Access.permission(.init(.executions, .read))
        executions.endpoint(
            .GET, access: read, summary: "List executions, newest first",
            query: [
                "page": Schema.integer(1...1_000_000), "per_page": Schema.integer(1...200),
                "job_id": Schema.integer(1...Int(Int32.max)),
                "status": Schema.oneOf(ExecutionStatus.allCases.map(\.rawValue)),
            ], use: list)
        executions.endpoint(
            .POST, "adhoc", access: .permission(.init(.adhocCommands, .execute)),
            summary: "Run one shell command on targets (ids, a filter, or all)", body: JobSchemas.adhoc,
            success: .accepted, returns: LaunchResponse.self, use: adhoc)
        executions.endpoint(.GET, ":id", access: read, summary: "One execution with its branches", use: show)
        executions.endpoint(
            .GET, ":id", "results", access: read, summary: "Per-action results",
            query: ["branch_id": Schema.integer(1...Int(Int32.max))], use: results)
        executions.endpoint(
            .GET, ":id", "logs", access: read, summary: "Log lines after after_id, oldest first",
            query: [
                "after_id": Schema.integer(0...Int(Int32.max)), "branch_id": Schema.integer(1...Int(Int32.max)),
                "limit": Schema.integer(1...5000),
            ], use: logs)
        executions.endpoint(
            .GET, ":id", "events", access: read,
            summary: "Follow an execution live: log lines as Server-Sent Events until it ends",
            query: ["after_id": Schema.integer(0...Int(Int32.max))], produces: ["text/event-stream"], use: events)
        executions.endpoint(
            .POST, ":id", "cancel", access: .permission(.init(.executions, .execute)),
            summary: "Cancel an execution (queued ones at once, running ones within a second)", success: .accepted,
            returns: ExecutionSummary.self, use: cancel)
        executions.endpoint(
            .POST, ":id", "rerun-failed", access: .permission(.init(.jobs, .execute)),
            summary: "Run the job again on the targets that didn't complete", success: .accepted,
            returns: LaunchResponse.self, use: rerunFailed)
        executions.endpoint(
            .GET, ":id", "export", access: read, summary: "Per-target results as JSON or CSV",
            query: ["format": Schema.oneOf(["json", "csv"])], produces: ["application/json", "text/csv"],
            returns: [ExecutionExportRow].self, use: export)
    }

    func list(request: Request) async throws -> Page<ExecutionSummary> {
        let page = try PageRequest(request)
        var status: ExecutionStatus?
        if let text = request.query[String.self, at: "status"] {
            guard let value = ExecutionStatus(rawValue: text) else {
                throw APIError(
                    .badRequest, code: "invalid_query",
                    message:
                        "status must be one of \(ExecutionStatus.allCases.map(\.rawValue).joined(separator: ", "))",
                    field: "status")
            }
            status = value
        }
        let jobID = try Self.optionalID(request, "job_id")
        let (items, total) = try await request.jobs.query.list(
            jobID: jobID, status: status, page: page.page, perPage: page.perPage)
        return Page(items: items, page: page.page, perPage: page.perPage, total: total)
    }

    func adhoc(request: Request) async throws -> Response {
        let body = try request.content.decode(AdhocRequest.self)
        let command = AdhocCommand(
            command: body.command, targetIDs: body.targetIDs, filter: body.filter, all: body.all == true,
            parallelism: body.parallelism ?? 100, timeoutSeconds: body.timeoutSeconds ?? 300)
        let userID = try request.principal.userID
        let launched = try await request.jobs.runCommand(command, audit: request.audit, by: userID)
        return try await LaunchResponse(launched).encodeResponse(status: .accepted, for: request)
    }

    func show(request: Request) async throws -> ExecutionDetail {
        let id = try request.id(of: "execution")
        return try await request.jobs.query.detail(id)
    }

    /// An optional id in the query (`job_id`, `branch_id`): a positive whole number, as the API document says.
    static func optionalID(_ request: Request, _ name: String) throws -> Int? {
        try request.query[String.self, at: name].map { text in
            guard let id = Int(text), id > 0 else {
                throw APIError(.badRequest, code: "invalid_query", message: "\(name) must be an id", field: name)
            }
            return id
        }
    }

    func results(request: Request) async throws -> [ActionResultView] {
        let id = try request.id(of: "execution")
        _ = try await request.jobs.query.summary(id)
        let branch = try Self.optionalID(request, "branch_id")
        return try await request.jobs.query.results(executionID: id, branchID: branch)
    }

    func logs(request: Request) async throws -> [ExecutionLogLine] {
        let id = try request.id(of: "execution")
        _ = try await request.jobs.query.summary(id)
        let after = try PageRequest.integer(request, "after_id", default: 0, in: 0...Int(Int32.max))
        let limit = try PageRequest.integer(request, "limit", default: 1000, in: 1...5000)
        let branch = try Self.optionalID(request, "branch_id")
        return try await request.jobs.query.logs(executionID: id, after: after, branchID: branch, limit: limit)
    }

    func events(request: Request) async throws -> Response {
        let id = try request.id(of: "execution")
        _ = try await request.jobs.query.summary(id)
        let lastEventID = request.headers.first(name: "Last-Event-ID").flatMap(Int.init)
        let after = try lastEventID ?? PageRequest.integer(request, "after_id", default: 0, in: 0...Int(Int32.max))
        let query = request.jobs.query
        let response = Response(status: .ok)
        response.headers.contentType = HTTPMediaType(type: "text", subType: "event-stream")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        // Managed: a client that goes away mid-stream ends it with an error instead of leaving it open (a debug
        // server asserted and crashed when a browser left the execution page while its log streamed).
        response.body = .init(managedAsyncStream: { writer in
            try await ExecutionEventStream(query: query, executionID: id, after: after).run { text in
                try await writer.write(.buffer(ByteBuffer(string: text)))
            }
        })
        return response
    }

    func cancel(request: Request) async throws -> Response {
        let id = try request.id(of: "execution")
        let summary = try await request.jobs.cancel(executionID: id, audit: request.audit)
        return try await summary.encodeResponse(status: .accepted, for: request)
    }

    func rerunFailed(request: Request) async throws -> Response {
        let id = try request.id(of: "execution")
        let userID = try request.principal.userID
        let launched = try await request.jobs.rerunFailed(executionID: id, audit: request.audit, by: userID)
        return try await LaunchResponse(launched).encodeResponse(status: .accepted, for: request)
    }

    func export(request: Request) async throws -> Response {
        let id = try request.id(of: "execution")
        let format = request.query[String.self, at: "format"] ?? "json"
        guard ["json", "csv"].contains(format) else {
            throw APIError(.badRequest, code: "invalid_query", message: "format must be json or csv", field: "format")
        }
        return try await Self.download(request, execution: id, format: format)
    }

    /// An execution's per-target results as a CSV or JSON download (for the API and the page).
    static func download(_ request: Request, execution id: Int, format: String) async throws -> Response {
        let detail = try await request.jobs.query.detail(id)
        let rows = ExecutionExport.rows(detail, results: try await request.jobs.query.results(executionID: id))
        let response = Response(status: .ok)
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(detail.summary.serial).\(format)\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        if format == "csv" {
            response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            response.body = .init(string: ExecutionExport.csv(rows))
        } else {
            response.headers.contentType = .json
            response.body = .init(data: try JSONEncoder.sorted.encode(rows))
        }
        return response
    }
}
