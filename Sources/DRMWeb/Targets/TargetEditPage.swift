import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/targets/{id}`: one target, its methods (credentials as metadata only) and a form to change its fields.
struct TargetEditPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.target(.parameter).components, use: show)
        routes.post(SiteRoute.target(.parameter).components, use: save)
    }

    func show(request: Request) async throws -> HTML {
        try await render(request, notice: request.query[String.self, at: "notice"] == "saved" ? "Target saved." : nil)
    }

    func render(_ request: Request, notice: String? = nil, error: String? = nil) async throws -> HTML {
        let role = try await request.require(.targets).user.role
        let record = try await request.targets.detail(try request.id(of: "target"))
        let target = record.target
        let id = try target.savedID
        let types = try await request.deviceTypes.active()
        let disabled = HTML.flag("disabled", !PermissionTable.allows(role, .init(.targets, .update)))
        func select(_ name: String, _ values: [String], _ current: String) -> HTML {
            let options = values.map { "<option\(HTML.flag("selected", $0 == current))>\($0)</option>" as HTML }
            return "<select name=\"\(name)\"\(disabled)>\(options)</select>"
        }
        let deviceOptions = ([""] + types.map(\.value)).map { value -> HTML in
            "<option value=\"\(value)\"\(HTML.flag("selected", value == (target.deviceType ?? "")))>\(value.isEmpty ? "none" : value)</option>"
        }
        let methods = record.methods.map { method -> HTML in
            let credential =
                method.credential.map { summary -> HTML in
                    "\(summary.type)\(summary.username.map { " as \($0)" } ?? "")\(summary.hasPassword ? ", password set" : "")\(summary.hasPrivateKey ? ", key set" : "")"
                } ?? "none"
            return """
                <tr><td>\(method.method.methodType)</td><td>\(method.host ?? "?")\(method.port.map { ":\($0)" } ?? "")</td>
                <td>\(method.method.isPrimary ? "yes" : "")</td><td>\(credential)</td>
                <td>\(method.method.hostKey.flatMap(KeyFingerprint.ofPublicKeyLine))</td>
                <td>\(method.method.lastTestSuccess.map { $0 ? "ok" : "failed" })\(method.method.lastTestMessage.map { ": \($0)" })</td></tr>
                """
        }
        return try Layout.page(
            request, .targets, notice: notice, error: error,
            content: """
                <h2>\(target.name) <small>\(target.targetSerial)</small></h2>
                <form method="post" action="\(SiteRoute.target(.id(id)).path)" class="card" id="edit-target">\(Layout.csrf(request))
                <label>Name<input name="name" value="\(target.name)" required\(disabled)></label>
                <label>OS<input name="os_type" value="\(target.osType)" size="8"\(disabled)></label>
                <label>Environment\(select("environment", TargetEnvironment.allCases.map(\.rawValue), target.environment))</label>
                <label>Status\(select("status", TargetStatus.allCases.map(\.rawValue), target.status))</label>
                <label>Device type<select name="device_type"\(disabled)>\(deviceOptions)</select></label>
                <label>Tags<input name="tags" value="\(record.tags.joined(separator: "; "))"\(disabled)></label>
                <label>Description<input name="description" value="\(target.description ?? "")" size="30"\(disabled)></label>
                \(disabled.text.isEmpty ? "<button>Save</button>" as HTML : "")</form>
                <h2>Communication methods</h2>
                <table id="methods"><thead><tr><th>Type</th><th>Endpoint</th><th>Primary</th><th>Credential</th><th>Host key</th><th>Last test</th></tr></thead>
                <tbody>\(methods)</tbody></table>
                <p><a href="\(SiteRoute.targets.path)">All targets</a></p>
                """)
    }

    struct EditForm: Content {
        var name: String
        var os_type: String
        var environment: String
        var status: String
        var device_type: String?
        var tags: String?
        var description: String?
    }

    func save(request: Request) async throws -> Response {
        try await request.require(.init(.targets, .update))
        let id = try request.id(of: "target")
        let form = try request.content.decode(EditForm.self)
        guard let environment = TargetEnvironment(rawValue: form.environment),
            let status = TargetStatus(rawValue: form.status)
        else {
            return try await render(request, error: "environment or status: not one of the choices")
                .encodeResponse(status: .unprocessableEntity)
        }
        let tags = (form.tags ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        request.rendersRefusals { message in try await render(request, error: message) }
        _ = try await request.targets.update(
            id,
            TargetChanges(
                name: form.name, osType: form.os_type, environment: environment, status: status,
                description: form.description ?? "", deviceType: form.device_type ?? "", tags: tags))
        return request.redirect(to: SiteRoute.target(.id(id)).path(notice: "saved"))
    }
}
