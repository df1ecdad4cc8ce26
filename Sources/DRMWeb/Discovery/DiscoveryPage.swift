import DRMCore
import DRMEngine
import Vapor

/// `/discovery`: start a run from a range or a template, the runs so far; `/discovery/runs/{id}`: a run's progress
/// (the page reloads itself while the run is under way), its devices compared with the inventory, ignore and
/// import. Users run and review; managers import. Pages are models drawn by views.
struct DiscoveryPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.discovery.components, use: show)
        routes.post(SiteRoute.discovery.components, use: start)
        routes.get(SiteRoute.discoveryRun(.parameter).components, use: showRun)
        routes.post(SiteRoute.discoveryRunImport(.parameter).components, use: importDevices)
        routes.post(SiteRoute.discoveryRunIgnore(.parameter).components, use: ignore)
        routes.post(SiteRoute.discoveryRunCancel(.parameter).components, use: cancel)
    }

    static let notices = [
        "started": "Discovery run queued.", "imported": "Devices imported as targets.", "ignored": "Devices ignored.",
        "cancelled": "Cancel requested.",
    ]

    func show(request: Request) async throws -> HTML {
        try await render(request, notice: request.query[String.self, at: "notice"].flatMap { Self.notices[$0] })
    }

    func render(_ request: Request, notice: String? = nil, error: String? = nil) async throws -> HTML {
        let model = try await Model.load(request)
        return try Layout.page(
            request, .discovery, notice: notice, error: error,
            content: View(model: model, csrf: Layout.csrf(request)).body)
    }

    struct StartForm: Content {
        var range: String?
        var ports: String?
        var template_id: String?
        var name: String?
        var skip_names: String?
    }

    func start(request: Request) async throws -> Response {
        try await request.require(.init(.discovery, .execute))
        let form = try request.content.decode(StartForm.self)
        request.rendersRefusals { message in try await render(request, error: message) }
        let useCases = request.useCases
        var template: DiscoveryTemplateRecord?
        if let text = form.template_id, !text.isEmpty {
            guard let id = Int(text) else { throw DiscoveryError.invalid(field: "template_id", message: "unknown") }
            template = try await useCases.discoveryTemplates.detail(id)
        }
        let range = form.range.flatMap { $0.isEmpty ? nil : $0 }
        let ports = form.ports.flatMap { $0.isEmpty ? nil : $0 }
        guard let base = template?.request ?? range.map({ DiscoveryRequest(range: $0) }) else {
            throw DiscoveryError.invalid(field: "range", message: "Give a range or choose a template.")
        }
        var discovery = base
        if let range { discovery.range = range }
        if let ports { discovery.ports = ports }
        if form.skip_names == "true" { discovery.resolveNames = false }
        let name = form.name.flatMap { $0.isEmpty ? nil : $0 } ?? template?.name
        let run = try await useCases.discoveryRuns.start(
            discovery, name: name, createdBy: try request.principal.userID, templateID: template?.id)
        return request.redirect(to: SiteRoute.discoveryRun(.id(run.id)).path(notice: "started"))
    }

    func showRun(request: Request) async throws -> Response {
        try await renderRun(request, notice: request.query[String.self, at: "notice"].flatMap { Self.notices[$0] })
    }

    func renderRun(_ request: Request, notice: String? = nil) async throws -> Response {
        let (html, underWay) = try await runPage(request, notice: notice)
        let response = html.encodeResponse(status: .ok)
        // While the run is under way the page reloads itself: its progress is live without a script.
        if underWay { response.headers.replaceOrAdd(name: "Refresh", value: "1") }
        return response
    }

    func runPage(_ request: Request, notice: String? = nil, error: String? = nil) async throws -> (HTML, Bool) {
        let model = try await RunModel.load(request)
        let html = try Layout.page(
            request, .discovery, notice: notice, error: error,
            content: RunView(model: model, csrf: Layout.csrf(request)).body)
        return (html, !model.run.status.isTerminal)
    }

    struct DevicesForm: Content {
        var device_ids: [Int]?
    }

    func importDevices(request: Request) async throws -> Response {
        try await request.require(.init(.discovery, .create))
        let id = try request.id(of: "run")
        let form = try request.content.decode(DevicesForm.self)
        request.rendersRefusals { message in try await runPage(request, error: message).0 }
        _ = try await request.useCases.discoveryReview.importDevices(
            (form.device_ids ?? []).map { DiscoveryImportSelection(deviceID: $0) }, of: id)
        return request.redirect(to: SiteRoute.discoveryRun(.id(id)).path(notice: "imported"))
    }

    func ignore(request: Request) async throws -> Response {
        try await request.require(.init(.discovery, .execute))
        let id = try request.id(of: "run")
        let form = try request.content.decode(DevicesForm.self)
        request.rendersRefusals { message in try await runPage(request, error: message).0 }
        try await request.useCases.discoveryReview.decide(form.device_ids ?? [], of: id, as: .ignored)
        return request.redirect(to: SiteRoute.discoveryRun(.id(id)).path(notice: "ignored"))
    }

    func cancel(request: Request) async throws -> Response {
        try await request.require(.init(.discovery, .execute))
        let id = try request.id(of: "run")
        _ = try await request.useCases.discoveryRuns.cancel(id)
        return request.redirect(to: SiteRoute.discoveryRun(.id(id)).path(notice: "cancelled"))
    }
}
