import DRMCore
import DRMEngine
import DRMStore
import NIOFoundationEssentialsCompat
import Vapor

/// `/api/v1/targets`: the managed endpoints, their communication methods and credentials (shown as metadata only),
/// import from CSV or JSON and export.
struct TargetsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let targets = routes.grouped("api", "v1", "targets")
        let read = Access.permission(.init(.targets, .read))
        let update = Access.permission(.init(.targets, .update))
        targets.endpoint(
            .GET, access: read, summary: "List targets (filter language, q, sort, pages)",
            query: [
                "page": Schema.integer(1...1_000_000), "per_page": Schema.integer(1...200),
                "filter": Schema.string, "q": Schema.string, "sort": Schema.oneOf(TargetQuery.sorts),
            ], use: list)
        targets.endpoint(
            .POST, access: .permission(.init(.targets, .create)),
            summary: "Create a target with its communication methods", body: TargetSchemas.create,
            returns: TargetResponse.self, use: create)
        targets.endpoint(
            .POST, "import", access: .permission(.init(.targets, .create)),
            summary: "Import targets from CSV (text/csv) or a JSON array", body: TargetSchemas.importRows,
            query: ["atomic": Schema.boolean], bodyTypes: ["application/json", "text/csv"], maxBody: "5mb",
            use: importTargets)
        targets.endpoint(
            .GET, "export", access: read, summary: "Export targets as CSV or JSON (never a secret)",
            query: ["format": Schema.oneOf(["csv", "json"]), "filter": Schema.string],
            produces: ["text/csv", "application/json"], returns: [JSONValue].self, use: export)
        targets.endpoint(.GET, ":id", access: read, summary: "One target with its methods", use: show)
        targets.endpoint(
            .PATCH, ":id", access: update, summary: "Change a target's fields or tags", body: TargetSchemas.update,
            use: patch)
        targets.endpoint(
            .DELETE, ":id", access: .permission(.init(.targets, .delete)),
            summary: "Delete a target with its methods and credentials", use: delete)
        targets.endpoint(
            .POST, ":id", "methods", access: update, summary: "Create a communication method on a target",
            body: TargetSchemas.method, returns: TargetResponse.self, use: addMethod)
        targets.endpoint(
            .PATCH, ":id", "methods", ":method_id", access: update,
            summary: "Change a communication method or replace its credential", body: TargetSchemas.updateMethod,
            use: updateMethod)
        targets.endpoint(
            .DELETE, ":id", "methods", ":method_id", access: update, summary: "Remove a communication method",
            use: removeMethod)
        targets.endpoint(
            .PUT, ":id", "methods", ":method_id", "host-key", access: .permission(.init(.hostKeys, .update)),
            summary: "Pin the SSH host key a method trusts (administrators)",
            body: Schema.object(["host_key": Schema.string], required: ["host_key"]), use: pinHostKey)
    }

    func list(request: Request) async throws -> Page<TargetResponse> {
        let page = try PageRequest(request)
        let sort = request.query[String.self, at: "sort"] ?? "name"
        guard TargetQuery.sorts.contains(sort) else {
            throw APIError(
                .badRequest, code: "invalid_query",
                message: "sort must be name, serial, created_at or updated_at (prefix - to reverse)", field: "sort")
        }
        let query = TargetQuery(
            filter: try Self.filter(request), text: request.query[String.self, at: "q"], sort: sort,
            offset: page.offset, limit: page.perPage)
        let (items, total) = try await request.targets.list(query)
        return Page(items: try items.map(TargetResponse.init), page: page.page, perPage: page.perPage, total: total)
    }

    func create(request: Request) async throws -> Response {
        let body = try request.content.decode(CreateTargetRequest.self)
        let userID = try request.principal.userID
        let template = body.templateID.map { DeviceTypeTemplates.Use(id: $0, userID: userID, explicit: body.explicit) }
        let record = try await request.targets.create(body.draft, template: template)
        return try await TargetResponse(record).encodeResponse(status: .created, for: request)
    }

    func show(request: Request) async throws -> TargetResponse {
        let id = try request.id(of: "target")
        return try TargetResponse(try await request.targets.detail(id))
    }

    func patch(request: Request) async throws -> TargetResponse {
        let id = try request.id(of: "target")
        _ = try await request.targets.detail(id)
        let body = try request.content.decode(UpdateTargetRequest.self)
        return try TargetResponse(try await request.targets.update(id, body.changes))
    }

    func delete(request: Request) async throws -> HTTPStatus {
        let id = try request.id(of: "target")
        try await request.targets.delete(id)
        return .noContent
    }

    func addMethod(request: Request) async throws -> Response {
        let id = try request.id(of: "target")
        _ = try await request.targets.detail(id)
        let body = try request.content.decode(MethodRequest.self)
        let record = try await request.targets.addMethod(to: id, body.draft)
        return try await TargetResponse(record).encodeResponse(status: .created, for: request)
    }

    func updateMethod(request: Request) async throws -> TargetResponse {
        let (id, methodID) = try await methodPath(request)
        let body = try request.content.decode(UpdateMethodRequest.self)
        return try TargetResponse(
            try await request.targets.updateMethod(methodID, of: id, body.changes))
    }

    func removeMethod(request: Request) async throws -> HTTPStatus {
        let (id, methodID) = try await methodPath(request)
        _ = try await request.targets.removeMethod(methodID, of: id)
        return .noContent
    }

    func pinHostKey(request: Request) async throws -> TargetResponse {
        let (id, methodID) = try await methodPath(request)
        let body = try request.content.decode(HostKeyRequest.self)
        return try TargetResponse(
            try await request.targets.pinHostKey(body.hostKey, method: methodID, of: id))
    }

    func importTargets(request: Request) async throws -> ImportResponse {
        let atomic = try PageRequest.flag(request, "atomic") ?? false
        guard let buffer = request.body.data, buffer.readableBytes > 0 else {
            throw APIError(.badRequest, code: "empty_body", message: "send the CSV or JSON to import", field: "body")
        }
        let rows: [NumberedImportRow]
        do {
            switch request.headers.contentType {
            case .some(let type) where type.type == "text" && type.subType == "csv":
                guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes) else {
                    throw TargetImportError(message: "the CSV is not UTF-8 text")
                }
                rows = try TargetImport.numberedCSV(text)
            case .some(let type) where type.type == "application" && type.subType == "json":
                rows = try TargetImport.numberedJSON(Data(buffer: buffer))
            default:
                throw APIError(
                    .unsupportedMediaType, code: "unsupported_media_type",
                    message: "send text/csv or application/json")
            }
        } catch let error as TargetImportError {
            // The message may quote the input (e.g. unknown columns): keep the answer short.
            let message = error.message.count > 300 ? error.message.prefix(300) + "…" : error.message
            throw APIError(.badRequest, code: "malformed_import", message: message, field: "body")
        }
        let report = try await request.targets.importRows(rows, atomic: atomic)
        return ImportResponse(report)
    }

    func export(request: Request) async throws -> Response {
        let format = request.query[String.self, at: "format"] ?? "csv"
        guard format == "csv" || format == "json" else {
            throw APIError(.badRequest, code: "invalid_query", message: "format must be csv or json", field: "format")
        }
        let filter = try Self.filter(request)
        let targets = request.targets
        let response = Response(status: .ok)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        if format == "json" {
            response.headers.contentType = .json
        } else {
            response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"targets.csv\"")
        }
        // Streamed a batch of targets at a time: a large inventory is never held whole, neither as rows nor as text.
        response.body = .init(asyncStream: { writer in
            do {
                try await writer.write(
                    .buffer(ByteBuffer(string: format == "json" ? "[" : TargetImport.exportCSVHeader)))
                let encoder = JSONEncoder.sorted
                var first = true
                _ = try await targets.export(filter: filter, format: format) { rows in
                    var text = ""
                    if format == "json" {
                        for row in rows {
                            text += first ? "" : ","
                            first = false
                            text += String(
                                decoding: try encoder.encode(TargetInventory.exportObject(row)), as: UTF8.self)
                        }
                    } else {
                        text = TargetImport.exportCSVLines(rows)
                    }
                    try await writer.write(.buffer(ByteBuffer(string: text)))
                }
                if format == "json" { try await writer.write(.buffer(ByteBuffer(string: "]"))) }
                try await writer.write(.end)
            } catch {
                try await writer.write(.error(error))
            }
        })
        return response
    }

    /// The target and method ids of a method route, both existing, else 404.
    func methodPath(_ request: Request) async throws -> (Int, Int) {
        let id = try request.id(of: "target")
        let methodID = try request.id("method_id", of: "communication method")
        _ = try await request.targets.method(methodID, of: id)
        return (id, methodID)
    }

    /// The `filter` query parameter, parsed; a parse error is a 400 naming `filter`, with the offset in the message.
    static func filter(_ request: Request) throws -> TargetFilter? {
        guard let text = request.query[String.self, at: "filter"], !text.isEmpty else { return nil }
        do {
            return try TargetFilter.parse(text)
        } catch {
            throw APIError(.badRequest, code: "invalid_filter", message: error.message, field: "filter")
        }
    }
}

/// Where `configure` keeps the credential vault.
struct CredentialVaultKey: StorageKey {
    typealias Value = CredentialVault
}
