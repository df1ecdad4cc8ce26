import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/settings`: every system setting; administrators change them here, everyone else reads them.
struct SettingsPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.settings.components, use: show)
        routes.post(SiteRoute.settings.components, use: save)
    }

    func show(request: Request) async throws -> HTML {
        try await render(request, notice: request.query[String.self, at: "notice"] == "saved" ? "Settings saved." : nil)
    }

    func render(_ request: Request, notice: String? = nil, error: String? = nil, status: HTTPStatus = .ok) async throws
        -> HTML
    {
        let principal = try await request.require(.settings)
        let canEdit = PermissionTable.allows(principal.user.role, .init(.settings, .update))
        let values = try await request.settings.all()
        let rows = SettingKey.offered.map { key -> HTML in
            "<tr><th><label for=\"\(key.rawValue)\">\(key.rawValue)</label></th><td>\(Self.input(key, values[key] ?? key.defaultValue, enabled: canEdit))</td></tr>"
        }
        let save: HTML =
            canEdit
            ? "<p><button>Save settings</button></p>" : "<p class=\"empty\">Only administrators change settings.</p>"
        return try Layout.page(
            request, .settings, notice: notice, error: error,
            content: """
                <form method="post" action="\(SiteRoute.settings.path)">\(Layout.csrf(request))
                <table id="settings"><tbody>\(rows)</tbody></table>\(save)</form>
                """)
    }

    static func input(_ key: SettingKey, _ value: JSONValue, enabled: Bool) -> HTML {
        let name = key.rawValue
        let disabled = HTML.flag("disabled", !enabled)
        switch (key.kind, value) {
        case (.boolean, _):
            return
                "<input type=\"hidden\" name=\"\(name)\" value=\"false\"><input type=\"checkbox\" id=\"\(name)\" name=\"\(name)\" value=\"true\"\(HTML.flag("checked", value == .bool(true)))\(disabled)>"
        case (.oneOf(let choices), _):
            let options = choices.map { "<option\(HTML.flag("selected", value == .string($0)))>\($0)</option>" as HTML }
            return "<select id=\"\(name)\" name=\"\(name)\"\(disabled)>\(options)</select>"
        case (.integer(let range), .number(let number)):
            return
                "<input type=\"number\" id=\"\(name)\" name=\"\(name)\" min=\"\(range.lowerBound)\" max=\"\(range.upperBound)\" value=\"\(Int(number))\"\(disabled)>"
        case (.optionalID, .number(let number)):
            return
                "<input type=\"number\" id=\"\(name)\" name=\"\(name)\" min=\"1\" value=\"\(Int(number))\"\(disabled)>"
        case (.optionalID, _):
            return "<input type=\"number\" id=\"\(name)\" name=\"\(name)\" min=\"1\" value=\"\"\(disabled)>"
        case (_, .string(let text)):
            return "<input id=\"\(name)\" name=\"\(name)\" value=\"\(text)\"\(disabled)>"
        default:
            // Structured values (DST rules) are changed through the API.
            let json = (try? JSONEncoder.sorted.encode(value)).map { String(decoding: $0, as: UTF8.self) }
            return "<code>\(json)</code>"
        }
    }

    func save(request: Request) async throws -> Response {
        try await request.require(.init(.settings, .update))
        let form = try request.content.decode([String: String].self)
        var changes: [String: JSONValue] = [:]
        for key in SettingKey.offered {
            guard let text = form[key.rawValue] else { continue }
            switch key.kind {
            case .boolean: changes[key.rawValue] = .bool(text == "true")
            case .integer: changes[key.rawValue] = Double(text).map(JSONValue.number) ?? .string(text)
            case .optionalID:
                changes[key.rawValue] = text.isEmpty ? .null : Double(text).map(JSONValue.number) ?? .string(text)
            case .timeZone, .oneOf: changes[key.rawValue] = .string(text)
            case .object: continue
            }
        }
        request.rendersRefusals { message in try await render(request, error: message) }
        _ = try await request.settings.update(changes, audit: request.audit)
        return request.redirect(to: SiteRoute.settings.path(notice: "saved"))
    }
}
