import DRMCore
import DRMEngine
import Vapor

/// `/api/v1/jobs`: job definitions (ordered actions, targets, options) and starting runs of them.
struct JobsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let jobs = routes.grouped("api", "v1", "jobs")
        let read = Access.permission(.init(.jobs, .read))
        jobs.endpoint(
            .GET, access: read, summary: "List jobs (q searches name and serial)",
            query: ["page": Schema.integer(1...1_000_000), "per_page": Schema.integer(1...200), "q": Schema.string],
            use: list)
        jobs.endpoint(
            .POST, access: .permission(.init(.jobs, .create)), summary: "Create a job", body: JobSchemas.job,
            returns: JobResponse.self, use: create)
        jobs.endpoint(.GET, ":id", access: read, summary: "One job with its actions", use: show)
        jobs.endpoint(
            .PUT, ":id", access: .permission(.init(.jobs, .update)),
            summary: "Replace a job's definition (actions and targets replace the old lists)", body: JobSchemas.job,
            use: update)
        jobs.endpoint(
            .DELETE, ":id", access: .permission(.init(.jobs, .delete)),
            summary: "Delete a job (its executions stay)", use: delete)
        jobs.endpoint(
            .POST, ":id", "run", access: .permission(.init(.jobs, .execute)),
            summary: "Run a job: checks parameters and targets, then queues an execution", body: JobSchemas.run,
            success: .accepted, returns: LaunchResponse.self, use: run)
    }

    func list(request: Request) async throws -> Page<JobResponse> {
        let page = try PageRequest(request)
        let (items, total) = try await request.jobs.catalog(request.audit).list(
            search: request.query[String.self, at: "q"], page: page.page, perPage: page.perPage)
        return Page(items: items.map(JobResponse.init), page: page.page, perPage: page.perPage, total: total)
    }

    func create(request: Request) async throws -> Response {
        let body = try request.content.decode(JobRequest.self)
        let userID = try request.principal.userID
        let job = try await request.jobs.catalog(request.audit).create(body.draft, createdBy: userID)
        return try await JobResponse(job).encodeResponse(status: .created, for: request)
    }

    func show(request: Request) async throws -> JobResponse {
        let id = try request.id(of: "job")
        return JobResponse(try await request.jobs.catalog(request.audit).get(id))
    }

    func update(request: Request) async throws -> JobResponse {
        let id = try request.id(of: "job")
        let body = try request.content.decode(JobRequest.self)
        return JobResponse(
            try await request.jobs.catalog(request.audit).update(id, with: body.draft))
    }

    func delete(request: Request) async throws -> HTTPStatus {
        let id = try request.id(of: "job")
        let userID = try request.principal.userID
        try await request.jobs.catalog(request.audit).delete(id, by: userID)
        return .noContent
    }

    func run(request: Request) async throws -> Response {
        let id = try request.id(of: "job")
        let body =
            request.body.data == nil
            ? RunRequest(parameters: nil, targetIDs: nil) : try request.content.decode(RunRequest.self)
        let userID = try request.principal.userID
        let launched = try await request.jobs.launcher(request.audit).launch(
            .init(
                jobID: id, parameters: body.parameters ?? [:], targetIDs: body.targetIDs, triggeredBy: userID,
                mayChooseTargets: try request.principal.may(.init(.jobs, .update))))
        return try await LaunchResponse(launched).encodeResponse(status: .accepted, for: request)
    }
}
