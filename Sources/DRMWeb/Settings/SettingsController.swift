import DRMCore
import DRMEngine
import Vapor

/// `/api/v1/settings`: the system settings; everyone reads them, administrators change them.
struct SettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let settings = routes.grouped("api", "v1", "settings")
        settings.endpoint(
            .GET, access: .permission(.init(.settings, .read)), summary: "Every system setting", use: show)
        settings.endpoint(
            .PUT, access: .permission(.init(.settings, .update)), summary: "Change system settings",
            body: Schema.object(
                Dictionary(uniqueKeysWithValues: SettingKey.offered.map { ($0.rawValue, Self.schema(of: $0.kind)) }),
                closed: true
            ),
            use: update
        )
    }

    static func schema(of kind: SettingKey.Kind) -> JSONValue {
        switch kind {
        case .integer(let range): Schema.integer(range)
        case .boolean: Schema.boolean
        case .timeZone: Schema.string
        case .oneOf(let values): Schema.oneOf(values)
        case .object: ["type": "object"]
        case .optionalID: ["type": ["integer", "null"], "minimum": 1]
        }
    }

    func show(request: Request) async throws -> SettingsResponse {
        SettingsResponse(try await request.settings.all())
    }

    func update(request: Request) async throws -> SettingsResponse {
        let changes = try request.content.decode([String: JSONValue].self)
        let settings = request.settings
        let changed = try await settings.update(changes, audit: request.audit)
        request.logger.notice("settings changed", metadata: ["keys": "\(changed.keys.map(\.rawValue).sorted())"])
        return SettingsResponse(try await settings.all())
    }
}

/// `{"timezone": "UTC", "max_concurrent_jobs": 50, …}`.
struct SettingsResponse: Content {
    var values: [String: JSONValue]

    init(_ values: [SettingKey: JSONValue]) {
        self.values = Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })
    }

    init(from decoder: any Decoder) throws {
        values = try [String: JSONValue](from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try values.encode(to: encoder)
    }
}
