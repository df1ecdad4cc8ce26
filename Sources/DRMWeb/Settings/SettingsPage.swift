import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/settings`: every system setting; administrators change them here, everyone else reads them. The page is a
/// model (``SettingsPage/Model``) drawn by a view (``SettingsPage/View``).
struct SettingsPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.settings.components, use: show)
        routes.post(SiteRoute.settings.components, use: save)
    }

    func show(request: Request) async throws -> HTML {
        try await render(request, notice: request.query[String.self, at: "notice"] == "saved" ? "Settings saved." : nil)
    }

    func render(_ request: Request, notice: String? = nil, error: String? = nil) async throws -> HTML {
        let model = try await Model.load(request)
        return try Layout.page(
            request, .settings, notice: notice, error: error,
            content: View(model: model, csrf: Layout.csrf(request)).body)
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
