import DRMCore
import DRMEngine
import DRMStore
import Fluent
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
        types.endpoint(.GET, ":id", access: read, summary: "One device type", use: show)
        types.endpoint(
            .POST, access: .permission(.init(.targets, .create)), summary: "Add a custom device type",
            body: DeviceTypeRequest.schema, success: .created, use: create)
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
        var query = DeviceType.query(on: request.db)
        if let category = request.query[String.self, at: "category"], !category.isEmpty {
            query = query.filter(\.$category == category)
        }
        if let active = request.query[String.self, at: "active"] {
            guard let flag = Bool(active) else {
                throw APIError(
                    .badRequest, code: "invalid_query", message: "active must be true or false", field: "active")
            }
            query = query.filter(\.$isActive == flag)
        }
        if let text = request.query[String.self, at: "q"], !text.isEmpty {
            query = query.filter(\.$searchVector ~~ text.lowercased())
        }
        let total = try await query.count()
        let types = try await query.sort(\.$category).sort(\.$label).range(page.offset..<(page.offset + page.perPage))
            .all()
        let usage = try await catalog(request).usage()
        return Page(
            items: try types.map { try DeviceTypeResponse($0, usage: usage) }, page: page.page, perPage: page.perPage,
            total: total)
    }

    func categories(request: Request) async throws -> [DeviceTypeCategoryResponse] {
        try await DeviceTypeCategory.query(on: request.db).sort(\.$sortOrder).all().map(DeviceTypeCategoryResponse.init)
    }

    func show(request: Request) async throws -> DeviceTypeResponse {
        guard let type = try await DeviceType.find(try request.id(of: "device type"), on: request.db) else {
            throw APIError.notFound("device type")
        }
        return try DeviceTypeResponse(type, usage: try await catalog(request).usage())
    }

    func create(request: Request) async throws -> Response {
        let draft = try request.content.decode(DeviceTypeRequest.self).draft
        do {
            let type = try await catalog(request).create(draft, by: try request.principal.user.id)
            return try await DeviceTypeResponse(type, usage: [:]).encodeResponse(status: .created, for: request)
        } catch let failure as DeviceTypeCatalog.Failure {
            throw APIError(failure)
        }
    }

    func validate(request: Request) async throws -> ValidationResponse {
        let draft = try request.content.decode(DeviceTypeRequest.self).draft
        let problems = try await catalog(request).problems(with: draft).map { failure -> ValidationResponse.Problem in
            let error = APIError(failure)
            return .init(field: error.field ?? "body", message: error.message)
        }
        return ValidationResponse(valid: problems.isEmpty, problems: problems)
    }

    func update(request: Request) async throws -> DeviceTypeResponse {
        let id = try request.id(of: "device type")
        let draft = try request.content.decode(DeviceTypeRequest.self).draft
        do {
            let catalog = try catalog(request)
            return try DeviceTypeResponse(try await catalog.update(id, with: draft), usage: try await catalog.usage())
        } catch let failure as DeviceTypeCatalog.Failure {
            throw APIError(failure)
        }
    }

    func delete(request: Request) async throws -> HTTPStatus {
        do {
            try await catalog(request).delete(try request.id(of: "device type"))
            return .noContent
        } catch let failure as DeviceTypeCatalog.Failure {
            throw APIError(failure)
        }
    }

    func catalog(_ request: Request) throws -> DeviceTypeCatalog {
        DeviceTypeCatalog(database: request.db, audit: request.audit)
    }
}

extension APIError {
    init(_ failure: DeviceTypeCatalog.Failure) {
        switch failure {
        case .invalid(let field, let message): self = .invalid(field, message)
        case .conflict(let field, let message): self = .conflict(field, message)
        case .notFound: self = .notFound("device type")
        }
    }
}
