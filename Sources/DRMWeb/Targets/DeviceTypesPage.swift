import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/device-types`: the catalog, built-in and custom, with how many targets use each; managers add and remove
/// custom types. The page is a model (``DeviceTypesPage/Model``) drawn by a view (``DeviceTypesPage/View``).
struct DeviceTypesPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.deviceTypes.components, use: show)
        routes.post(SiteRoute.deviceTypes.components, use: create)
        routes.post(SiteRoute.deviceTypeDelete(.parameter).components, use: delete)
    }

    func show(request: Request) async throws -> HTML {
        let notices = ["created": "Device type added.", "deleted": "Device type removed."]
        return try await render(request, notice: request.query[String.self, at: "notice"].flatMap { notices[$0] })
    }

    func render(_ request: Request, notice: String? = nil, error: String? = nil) async throws -> HTML {
        let model = try await Model.load(request)
        return try Layout.page(
            request, .deviceTypes, notice: notice, error: error,
            content: try View(model: model, csrf: Layout.csrf(request)).body)
    }

    struct CreateForm: Content {
        var value: String
        var label: String
        var category: String
        var methods: String?
        var ports: String?
    }

    func create(request: Request) async throws -> Response {
        let principal = try await request.require(.deviceTypes)
        try await request.require(.init(.targets, .create))
        let form = try request.content.decode(CreateForm.self)
        func items(_ text: String?) -> [String] {
            (text ?? "").split(whereSeparator: { $0 == ";" || $0 == "," }).map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
        }
        let ports = items(form.ports)
        guard ports.allSatisfy({ Int($0) != nil }) else {
            return try await render(request, error: "ports: whole numbers separated by ;")
                .encodeResponse(status: .unprocessableEntity)
        }
        let draft = DeviceTypeCatalog.Draft(
            value: form.value, label: form.label, category: form.category, communicationMethods: items(form.methods),
            discoveryPorts: ports.compactMap { Int($0) })
        request.rendersRefusals { message in try await render(request, error: message) }
        _ = try await request.deviceTypeCatalog.create(draft, by: principal.user.id)
        return request.redirect(to: SiteRoute.deviceTypes.path(notice: "created"))
    }

    func delete(request: Request) async throws -> Response {
        try await request.require(.init(.targets, .delete))
        try await request.deviceTypeCatalog.delete(try request.id(of: "device type"))
        return request.redirect(to: SiteRoute.deviceTypes.path(notice: "deleted"))
    }
}
