import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/api/v1/device-types`: the device-type catalog. Everyone reads it; managers and administrators add,
/// change and remove custom types; the built-in ones are fixed.
struct DeviceTypesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let types = routes.grouped("api", "v1", "device-types")
        let read = Access.permission(.init(.targets, .read))
        types.endpoint(
            .GET, access: read,
            summary: "List device types (filter: category, active, q) with how many targets use each",
            query: [
                "page": Schema.integer(1...1_000_000), "per_page": Schema.integer(1...200), "category": Schema.string,
                "active": Schema.boolean, "q": Schema.string,
            ],
            use: list)
        types.endpoint(.GET, "categories", access: read, summary: "Device-type categories", use: categories)
        types.endpoint(
            .GET, "templates", access: read, summary: "Target templates you may use (public ones and yours)",
            use: templates)
        types.endpoint(
            .POST, "templates", access: .permission(.init(.targets, .create)),
            summary: "Save a template of defaults for new targets",
            body: Schema.object(
                [
                    "name": Schema.string, "description": Schema.string, "category": Schema.string,
                    "is_public": Schema.boolean,
                    "defaults": Schema.object([
                        "device_type": Schema.string, "os_type": Schema.string, "environment": Schema.string,
                        "tags": ["type": "array", "items": Schema.string], "method_type": Schema.string,
                        "port": Schema.integer(1...65535),
                    ]),
                ], required: ["name", "category", "defaults"]),
            success: .created, returns: TemplateResponse.self, use: createTemplate)
        types.endpoint(
            .DELETE, "templates", ":id", access: .permission(.init(.targets, .delete)),
            summary: "Remove a template (yours; administrators any)", use: deleteTemplate)
        types.endpoint(.GET, ":id", access: read, summary: "One device type", use: show)
        types.endpoint(
            .POST, access: .permission(.init(.targets, .create)), summary: "Add a custom device type",
            body: DeviceTypeRequest.schema, success: .created, returns: DeviceTypeResponse.self, use: create)
        types.endpoint(
            .POST, "validate", access: .permission(.init(.targets, .create)),
            summary: "Check a device type without saving it", body: DeviceTypeRequest.schema, use: validate)
        types.endpoint(
            .PUT, ":id", access: .permission(.init(.targets, .update)), summary: "Change a custom device type",
            body: DeviceTypeRequest.schema, use: update)
        types.endpoint(
            .DELETE, ":id", access: .permission(.init(.targets, .delete)),
            summary: "Remove a custom device type no target uses", use: delete)
    }

    func list(request: Request) async throws -> Page<DeviceTypeResponse> {
        let page = try PageRequest(request)
        let filter = DeviceTypeQueries.Filter(
            category: request.query[String.self, at: "category"], isActive: try PageRequest.flag(request, "active"),
            text: request.query[String.self, at: "q"])
        let (types, total) = try await request.deviceTypes.page(filter, offset: page.offset, limit: page.perPage)
        let usage = try await catalog(request).usage()
        return Page(
            items: try types.map { try DeviceTypeResponse($0, usage: usage) }, page: page.page, perPage: page.perPage,
            total: total)
    }

    func categories(request: Request) async throws -> [DeviceTypeCategoryResponse] {
        try await request.deviceTypes.categories().map(DeviceTypeCategoryResponse.init)
    }

    func show(request: Request) async throws -> DeviceTypeResponse {
        guard let type = try await request.deviceTypes.find(try request.id(of: "device type")) else {
            throw APIError.notFound("device type")
        }
        return try DeviceTypeResponse(type, usage: try await catalog(request).usage())
    }

    func create(request: Request) async throws -> Response {
        let draft = try request.content.decode(DeviceTypeRequest.self).draft
        let type = try await catalog(request).create(draft, by: try request.principal.user.id)
        return try await DeviceTypeResponse(type, usage: [:]).encodeResponse(status: .created, for: request)
    }

    func validate(request: Request) async throws -> ValidationResponse {
        let draft = try request.content.decode(DeviceTypeRequest.self).draft
        let problems = try await catalog(request).problems(with: draft).map { error -> ValidationResponse.Problem in
            .init(field: error.field ?? "body", message: error.message)
        }
        return ValidationResponse(valid: problems.isEmpty, problems: problems)
    }

    func update(request: Request) async throws -> DeviceTypeResponse {
        let id = try request.id(of: "device type")
        let draft = try request.content.decode(DeviceTypeRequest.self).draft
        let catalog = try catalog(request)
        return try DeviceTypeResponse(try await catalog.update(id, with: draft), usage: try await catalog.usage())
    }

    func delete(request: Request) async throws -> HTTPStatus {
        try await catalog(request).delete(try request.id(of: "device type"))
        return .noContent
    }

    struct TemplateRequest: Content {
        var name: String
        var description: String?
        var category: String
        var isPublic: Bool?
        var defaults: DeviceTypeTemplates.Defaults

        enum CodingKeys: String, CodingKey {
            case name, description, category, defaults
            case isPublic = "is_public"
        }
    }

    struct TemplateResponse: Content {
        var id: Int
        var name: String
        var description: String?
        var category: String
        var isPublic: Bool
        var defaults: JSONValue
        var usageCount: Int
        var lastUsed: Date?

        enum CodingKeys: String, CodingKey {
            case id, name, description, category, defaults
            case isPublic = "is_public"
            case usageCount = "usage_count"
            case lastUsed = "last_used"
        }

        init(_ template: DeviceTypeTemplate) throws {
            id = try template.savedID
            name = template.name
            description = template.description
            category = template.category
            isPublic = template.isPublic
            defaults = template.templateConfig
            usageCount = template.usageCount ?? 0
            lastUsed = template.lastUsed
        }
    }

    func templates(request: Request) async throws -> [TemplateResponse] {
        try await request.deviceTypeTemplates
            .list(for: try request.principal.userID).map(TemplateResponse.init)
    }

    func createTemplate(request: Request) async throws -> Response {
        let body = try request.content.decode(TemplateRequest.self)
        let template = try await request.deviceTypeTemplates.create(
            name: body.name, description: body.description, category: body.category, defaults: body.defaults,
            isPublic: body.isPublic ?? false, by: try request.principal.userID)
        return try await TemplateResponse(template).encodeResponse(status: .created, for: request)
    }

    func deleteTemplate(request: Request) async throws -> HTTPStatus {
        let user = try request.principal.user
        try await request.deviceTypeTemplates.delete(
            try request.id(of: "template"), by: try user.savedID, isAdministrator: user.role == .administrator)
        return .noContent
    }

    func catalog(_ request: Request) throws -> DeviceTypeCatalog {
        request.deviceTypeCatalog
    }
}
