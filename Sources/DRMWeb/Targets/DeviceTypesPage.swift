import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/device-types`: the catalog, built-in and custom, with how many targets use each; managers add and remove
/// custom types.
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
        let role = try await request.require(.deviceTypes).user.role
        let catalog = request.deviceTypeCatalog
        let usage = try await catalog.usage()
        let categories = try await request.deviceTypes.categories()
        let types = try await request.deviceTypes.all()
        let canDelete = PermissionTable.allows(role, .init(.targets, .delete))
        func list(_ value: JSONValue) -> String {
            guard case .array(let items) = value else { return "" }
            return items.map { item in
                switch item {
                case .string(let text): text
                case .number(let number): String(Int(number))
                default: ""
                }
            }.joined(separator: ", ")
        }
        let rows = try types.map { type -> HTML in
            let id = try type.savedID
            let count = usage[type.value] ?? 0
            let remove: HTML =
                canDelete && !type.isSystem && count == 0
                ? "<form method=\"post\" action=\"\(SiteRoute.deviceTypeDelete(.id(id)).path)\" class=\"inline\" data-confirm=\"Remove \(type.label)?\">\(Layout.csrf(request))<button class=\"danger\">Remove</button></form>"
                : ""
            return """
                <tr data-type="\(type.value)"><td><code>\(type.value)</code></td><td>\(type.label)</td><td>\(type.category)</td>
                <td>\(list(type.communicationMethods))</td><td>\(list(type.discoveryPorts))</td>
                <td>\(type.isSystem ? "built-in" : "custom")</td><td>\(count)</td><td>\(remove)</td></tr>
                """
        }
        let options = categories.map { "<option value=\"\($0.value)\">\($0.label)</option>" as HTML }
        let form: HTML =
            PermissionTable.allows(role, .init(.targets, .create))
            ? """
            <h2>New device type</h2><form method="post" action="\(SiteRoute.deviceTypes.path)" class="card" id="new-device-type">\(Layout.csrf(request))
            <label>Value<input name="value" required pattern="[a-z][a-z0-9_]{1,99}" placeholder="storage_array"></label>
            <label>Label<input name="label" required maxlength="200"></label>
            <label>Category<select name="category">\(options)</select></label>
            <label>Methods<input name="methods" placeholder="ssh; rest_api"></label>
            <label>Ports<input name="ports" placeholder="22; 443"></label>
            <button>Add device type</button></form>
            """ : ""
        return try Layout.page(
            request, .deviceTypes, notice: notice, error: error,
            content: """
                <table id="device-types"><thead><tr><th>Value</th><th>Label</th><th>Category</th><th>Methods</th><th>Ports</th><th>Kind</th><th>Targets</th><th></th></tr></thead>
                <tbody>\(rows)</tbody></table>\(form)
                """)
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
