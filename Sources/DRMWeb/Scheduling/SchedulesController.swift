import DRMCore
import DRMEngine
import Vapor

/// `/api/v1/schedules`: schedules of jobs, their preview, trigger, pause and resume, and their occurrences.
/// Managers edit; users (operators) read and trigger.
struct SchedulesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let schedules = routes.grouped("api", "v1", "schedules")
        let read = Access.permission(.init(.schedules, .read))
        let update = Access.permission(.init(.schedules, .update))
        schedules.endpoint(
            .GET, access: read, summary: "List schedules (job_id filters)",
            query: [
                "page": Schema.integer(1...1_000_000), "per_page": Schema.integer(1...200),
                "job_id": Schema.integer(1...Int(Int32.max)),
            ], use: list)
        schedules.endpoint(
            .POST, access: .permission(.init(.schedules, .create)), summary: "Create a schedule",
            body: ScheduleSchemas.schedule, returns: ScheduleResponse.self, use: create)
        schedules.endpoint(
            .POST, "preview", access: read,
            summary: "Preview a schedule before saving: the next 10 fire times with DST marks, and warnings",
            body: ScheduleSchemas.schedule, use: preview)
        schedules.endpoint(.GET, ":id", access: read, summary: "One schedule", use: show)
        schedules.endpoint(
            .PUT, ":id", access: update,
            summary: "Replace a schedule's definition; its next fire time is recomputed (a paused one stays paused)",
            body: ScheduleSchemas.schedule, returns: ScheduleResponse.self, use: edit)
        schedules.endpoint(
            .DELETE, ":id", access: .permission(.init(.schedules, .delete)),
            summary: "Delete a schedule and its occurrences (executions stay)", use: delete)
        schedules.endpoint(
            .POST, ":id", "pause", access: update, summary: "Pause a schedule", body: ScheduleSchemas.pause,
            use: pause)
        schedules.endpoint(.POST, ":id", "resume", access: update, summary: "Resume a paused schedule", use: resume)
        schedules.endpoint(
            .POST, ":id", "trigger", access: .permission(.init(.schedules, .execute)),
            summary: "Run the schedule's job now, outside its overlap policy", success: .accepted,
            returns: OccurrenceResponse.self, use: trigger)
        schedules.endpoint(
            .GET, ":id", "occurrences", access: read,
            summary: "A schedule's occurrences, newest first (status filters)",
            query: [
                "page": Schema.integer(1...1_000_000), "per_page": Schema.integer(1...200),
                "status": Schema.oneOf(ScheduleExecutionStatus.allCases.map(\.rawValue)),
            ], use: occurrences)
    }

    func catalog(_ request: Request) -> ScheduleCatalog {
        request.application.environment.schedules(request.audit)
    }

    func list(request: Request) async throws -> Page<ScheduleResponse> {
        let page = try PageRequest(request)
        let jobID = try request.query.get(Int?.self, at: "job_id")
        let all = try await catalog(request).list(jobID: jobID)
        let items = all.dropFirst(page.offset).prefix(page.perPage).map(ScheduleResponse.init)
        return Page(items: Array(items), page: page.page, perPage: page.perPage, total: all.count)
    }

    func create(request: Request) async throws -> Response {
        let body = try request.content.decode(ScheduleRequest.self)
        let record = try await catalog(request).create(body.draft, createdBy: try request.principal.userID)
        return try await ScheduleResponse(record).encodeResponse(status: .created, for: request)
    }

    func preview(request: Request) async throws -> PreviewResponse {
        let body = try request.content.decode(ScheduleRequest.self)
        return PreviewResponse(try await catalog(request).preview(body.draft))
    }

    func show(request: Request) async throws -> ScheduleResponse {
        ScheduleResponse(try await catalog(request).find(try request.id(of: "schedule")))
    }

    func edit(request: Request) async throws -> ScheduleResponse {
        let id = try request.id(of: "schedule")
        let body = try request.content.decode(ScheduleRequest.self)
        return ScheduleResponse(try await catalog(request).update(id, body.draft))
    }

    func delete(request: Request) async throws -> HTTPStatus {
        try await catalog(request).delete(try request.id(of: "schedule"))
        return .noContent
    }

    func pause(request: Request) async throws -> ScheduleResponse {
        let id = try request.id(of: "schedule")
        let body = request.body.data == nil ? PauseRequest(reason: nil) : try request.content.decode(PauseRequest.self)
        return ScheduleResponse(try await catalog(request).pause(id, reason: body.reason))
    }

    func resume(request: Request) async throws -> ScheduleResponse {
        ScheduleResponse(try await catalog(request).resume(try request.id(of: "schedule")))
    }

    func trigger(request: Request) async throws -> Response {
        let id = try request.id(of: "schedule")
        let occurrence = try await request.application.environment.scheduleFiring.trigger(id, audit: request.audit)
        return try await OccurrenceResponse(occurrence).encodeResponse(status: .accepted, for: request)
    }

    func occurrences(request: Request) async throws -> Page<OccurrenceResponse> {
        let id = try request.id(of: "schedule")
        let page = try PageRequest(request)
        var status: ScheduleExecutionStatus?
        if let text = try request.query.get(String?.self, at: "status") {
            guard let value = ScheduleExecutionStatus(rawValue: text) else {
                throw APIError(
                    .badRequest, code: "bad_request", message: "status: unknown status \"\(text)\"", field: "status")
            }
            status = value
        }
        _ = try await catalog(request).find(id)
        let (items, total) = try await catalog(request).occurrences(
            of: id, status: status, page: page.page, perPage: page.perPage)
        return Page(items: items.map(OccurrenceResponse.init), page: page.page, perPage: page.perPage, total: total)
    }
}
