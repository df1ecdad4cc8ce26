import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// `/api/v1/audit`: the audit log, for administrators and managers to search and export.
struct AuditController: RouteCollection {
    /// The most rows one export returns; narrow the filters for more.
    static let exportLimit = 100_000

    func boot(routes: any RoutesBuilder) throws {
        let audit = routes.grouped("api", "v1", "audit")
        let filters: [String: JSONValue] = [
            "actor": Schema.string, "action": Schema.string,
            "outcome": Schema.oneOf(AuditOutcome.allCases.map(\.rawValue)),
            "resource_type": Schema.string, "resource_id": Schema.string,
            "since": ["type": "string", "format": "date-time"], "until": ["type": "string", "format": "date-time"],
            "sort": Schema.oneOf(["occurred_at", "-occurred_at"]),
        ]
        audit.endpoint(
            .GET, access: .permission(.init(.audit, .read)),
            summary: "Search the audit log (actor, action or `group.`, outcome, resource, since/until), newest first",
            query: filters.merging(["page": Schema.integer(1...1_000_000), "per_page": Schema.integer(1...200)]) {
                $1
            },
            use: list
        )
        audit.endpoint(
            .GET, "export", access: .permission(.init(.audit, .read)),
            summary: "Export the matching audit events as CSV (default) or JSON, up to 100 000 rows",
            query: filters.merging(["format": Schema.oneOf(["csv", "json"])]) { $1 },
            produces: ["text/csv", "application/json"], returns: [AuditEventResponse].self, use: export
        )
    }

    func list(request: Request) async throws -> Page<AuditEventResponse> {
        let page = try PageRequest(request)
        let query = try AuditQuery(request)
        let total = try await request.auditLog.count(query)
        let events = try await request.auditLog.events(query, offset: page.offset, limit: page.perPage)
        return Page(items: events.map(AuditEventResponse.init), page: page.page, perPage: page.perPage, total: total)
    }

    func export(request: Request) async throws -> Response {
        let format = request.query[String.self, at: "format"] ?? "csv"
        guard ["csv", "json"].contains(format) else {
            throw APIError(.badRequest, code: "invalid_query", message: "format must be csv or json", field: "format")
        }
        let query = try AuditQuery(request)
        let events = try await request.auditLog.events(query, limit: Self.exportLimit).map(AuditEventResponse.init)
        try await request.record(
            .auditExported, details: ["format": .string(format), "rows": .number(Double(events.count))])
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        var headers = HTTPHeaders()
        headers.add(name: .contentDisposition, value: "attachment; filename=\"audit-\(stamp).\(format)\"")
        if format == "json" {
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(data: try JSONEncoder.api.encode(events)))
        }
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: AuditEventResponse.csv(events)))
    }
}

extension AuditQuery {
    /// The filters of an audit request, each checked (a bad time or outcome is a 400 naming it).
    init(_ request: Request) throws {
        self.init()
        actor = request.query[String.self, at: "actor"].flatMap { $0.isEmpty ? nil : $0 }
        action = request.query[String.self, at: "action"].flatMap { $0.isEmpty ? nil : $0 }
        resourceType = request.query[String.self, at: "resource_type"].flatMap { $0.isEmpty ? nil : $0 }
        resourceID = request.query[String.self, at: "resource_id"].flatMap { $0.isEmpty ? nil : $0 }
        if let text = request.query[String.self, at: "outcome"], !text.isEmpty {
            guard let outcome = AuditOutcome(rawValue: text) else {
                throw APIError(
                    .badRequest, code: "invalid_query", message: "outcome must be success, failure or denied",
                    field: "outcome")
            }
            self.outcome = outcome
        }
        since = try Self.time(request, "since")
        until = try Self.time(request, "until")
        switch request.query[String.self, at: "sort"] ?? "-occurred_at" {
        case "-occurred_at": oldestFirst = false
        case "occurred_at": oldestFirst = true
        default:
            throw APIError(
                .badRequest, code: "invalid_query", message: "sort must be occurred_at or -occurred_at", field: "sort")
        }
    }

    static func time(_ request: Request, _ name: String) throws -> Date? {
        guard let text = request.query[String.self, at: name], !text.isEmpty else { return nil }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions.insert(.withFractionalSeconds)
        if let date = formatter.date(from: text) { return date }
        throw APIError(
            .badRequest, code: "invalid_query",
            message: "\(name) must be an ISO 8601 time such as 2026-11-25T10:00:00Z", field: name)
    }
}
