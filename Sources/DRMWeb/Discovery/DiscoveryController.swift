import DRMCore
import DRMEngine
import Vapor

/// `/api/v1/discovery`: stored discovery runs (start, list, read, cancel), their devices and review (new, changed,
/// known, gone; accept or ignore), import as targets, and templates. Users (operators) run and review; managers
/// import and keep templates.
struct DiscoveryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let discovery = routes.grouped("api", "v1", "discovery")
        let runs = discovery.grouped("runs")
        let read = Access.permission(.init(.discovery, .read))
        let execute = Access.permission(.init(.discovery, .execute))
        let page: [String: JSONValue] = ["page": Schema.integer(1...1_000_000), "per_page": Schema.integer(1...200)]
        runs.endpoint(
            .GET, access: read, summary: "List discovery runs, newest first (status filters)",
            query: page.merging(["status": Schema.oneOf(DiscoveryRunStatus.allCases.map(\.rawValue))]) { $1 },
            use: list)
        runs.endpoint(
            .POST, access: execute,
            summary: "Start a discovery run (a range, or a template's configuration); it runs on the task queue",
            body: DiscoverySchemas.run, success: .accepted, returns: DiscoveryRunResponse.self, use: start)
        runs.endpoint(.GET, ":id", access: read, summary: "One discovery run with its progress", use: show)
        runs.endpoint(
            .POST, ":id", "cancel", access: execute, summary: "Cancel a pending or running discovery run",
            use: cancel)
        runs.endpoint(
            .GET, ":id", "devices", access: read,
            summary: "A run's devices compared with the inventory (inventory and review filter)",
            query: page.merging([
                "inventory": Schema.oneOf(["new", "changed", "known"]),
                "review": Schema.oneOf(DeviceReviewState.allCases.map(\.rawValue)),
            ]) { $1 }, use: devices)
        runs.endpoint(
            .GET, ":id", "gone", access: read,
            summary: "Targets of the run's range that answered on no port", use: gone)
        runs.endpoint(
            .POST, ":id", "review", access: execute, summary: "Accept or ignore devices of a run",
            body: DiscoverySchemas.review, use: review)
        runs.endpoint(
            .POST, ":id", "import", access: .permission(.init(.discovery, .create)),
            summary: "Import devices as targets, all or none, with the methods their services suggest",
            body: DiscoverySchemas.importDevices, success: .created, returns: DiscoveryImportResponse.self,
            use: importDevices)
        let templates = discovery.grouped("templates")
        templates.endpoint(.GET, access: read, summary: "List discovery templates", use: listTemplates)
        templates.endpoint(
            .POST, access: .permission(.init(.discovery, .update)), summary: "Save a discovery template",
            body: DiscoverySchemas.template, success: .created, returns: DiscoveryTemplateResponse.self,
            use: createTemplate)
        templates.endpoint(.GET, ":id", access: read, summary: "One discovery template", use: showTemplate)
        templates.endpoint(
            .DELETE, ":id", access: .permission(.init(.discovery, .delete)), summary: "Delete a discovery template",
            use: deleteTemplate)
    }

    func list(request: Request) async throws -> Page<DiscoveryRunResponse> {
        let page = try PageRequest(request)
        let status = try Self.choice(request, "status", DiscoveryRunStatus.self)
        let (items, total) = try await request.useCases.discoveryRuns.list(
            status: status, page: page.page, perPage: page.perPage)
        return Page(
            items: items.map(DiscoveryRunResponse.init), page: page.page, perPage: page.perPage, total: total)
    }

    func start(request: Request) async throws -> Response {
        let body = try request.content.decode(DiscoveryRunRequest.self)
        let useCases = request.useCases
        var template: DiscoveryTemplateRecord?
        if let id = body.templateID {
            do {
                template = try await useCases.discoveryTemplates.detail(id)
            } catch is DiscoveryError {
                throw DiscoveryError.invalid(field: "template_id", message: "no template \(id)")
            }
        }
        let run = try await useCases.discoveryRuns.start(
            try body.request(over: template?.request), name: body.name ?? template?.name,
            createdBy: try request.principal.userID, templateID: template?.id)
        return try await DiscoveryRunResponse(run).encodeResponse(status: .accepted, for: request)
    }

    func show(request: Request) async throws -> DiscoveryRunResponse {
        DiscoveryRunResponse(try await request.useCases.discoveryRuns.detail(try request.id(of: "run")))
    }

    func cancel(request: Request) async throws -> DiscoveryRunResponse {
        DiscoveryRunResponse(try await request.useCases.discoveryRuns.cancel(try request.id(of: "run")))
    }

    func devices(request: Request) async throws -> Page<DiscoveryDeviceResponse> {
        let id = try request.id(of: "run")
        let page = try PageRequest(request)
        let inventory = try Self.choice(request, "inventory", InventoryStatus.self)
        let review = try Self.choice(request, "review", DeviceReviewState.self)
        let (items, total) = try await request.useCases.discoveryReview.devices(
            of: id, inventory: inventory, review: review, page: page.page, perPage: page.perPage)
        return Page(
            items: items.map(DiscoveryDeviceResponse.init), page: page.page, perPage: page.perPage, total: total)
    }

    func gone(request: Request) async throws -> [GoneTargetResponse] {
        try await request.useCases.discoveryReview.gone(of: try request.id(of: "run")).map(GoneTargetResponse.init)
    }

    func review(request: Request) async throws -> Page<DiscoveryDeviceResponse> {
        let id = try request.id(of: "run")
        let body = try request.content.decode(DiscoveryReviewRequest.self)
        let review = request.useCases.discoveryReview
        try await review.decide(body.deviceIDs, of: id, as: body.state)
        let (items, total) = try await review.devices(of: id, perPage: 200)
        let chosen = Set(body.deviceIDs)
        let changed = items.filter { chosen.contains($0.id) }.map(DiscoveryDeviceResponse.init)
        return Page(items: changed, page: 1, perPage: 200, total: min(total, changed.count))
    }

    func importDevices(request: Request) async throws -> Response {
        let id = try request.id(of: "run")
        let body = try request.content.decode(DiscoveryImportRequest.self)
        let targets = try await request.useCases.discoveryReview.importDevices(body.selections, of: id)
        return try await DiscoveryImportResponse(targets: targets.map(TargetResponse.init))
            .encodeResponse(status: .created, for: request)
    }

    func listTemplates(request: Request) async throws -> [DiscoveryTemplateResponse] {
        try await request.useCases.discoveryTemplates.list().map(DiscoveryTemplateResponse.init)
    }

    func createTemplate(request: Request) async throws -> Response {
        let body = try request.content.decode(DiscoveryRunRequest.self)
        guard let name = body.name else { throw DiscoveryError.invalid(field: "name", message: "is required") }
        let template = try await request.useCases.discoveryTemplates.create(
            name: name, description: body.description, request: try body.request(over: nil),
            createdBy: try request.principal.userID)
        return try await DiscoveryTemplateResponse(template).encodeResponse(status: .created, for: request)
    }

    func showTemplate(request: Request) async throws -> DiscoveryTemplateResponse {
        DiscoveryTemplateResponse(try await request.useCases.discoveryTemplates.detail(try request.id(of: "template")))
    }

    func deleteTemplate(request: Request) async throws -> HTTPStatus {
        try await request.useCases.discoveryTemplates.delete(try request.id(of: "template"))
        return .noContent
    }

    /// A query parameter that must be one of `T`'s values; a 400 naming it otherwise.
    static func choice<T: RawRepresentable<String>>(_ request: Request, _ name: String, _: T.Type) throws -> T? {
        guard let text = try request.query.get(String?.self, at: name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw APIError(.badRequest, code: "bad_request", message: "\(name): unknown value \"\(text)\"", field: name)
        }
        return value
    }
}
