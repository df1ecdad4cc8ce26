import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// `/audit`: the audit log with filters, pages and an export of what the filters select.
struct AuditPage: RouteCollection {
    static let filterNames = ["actor", "action", "outcome", "resource_type", "resource_id", "since", "until"]

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.audit.components, use: show)
        routes.get(SiteRoute.auditExport.components) { request in
            _ = try await request.require(.audit)
            return try await AuditController().export(request: request)
        }
    }

    func show(request: Request) async throws -> HTML {
        _ = try await request.require(.audit)
        let page = try PageRequest(request)
        let filters = Dictionary(
            uniqueKeysWithValues: Self.filterNames.map { ($0, request.query[String.self, at: $0] ?? "") })
        let query: AuditQuery
        do {
            query = try AuditQuery(request)
        } catch let error as APIError {
            return try Layout.page(request, .audit, error: error.message, content: Self.form(filters))
        }
        let total = try await request.auditLog.count(query)
        let events = try await request.auditLog.events(query, offset: page.offset, limit: page.perPage)
        let rows = events.map { event -> HTML in
            let details = (try? JSONEncoder.sorted.encode(event.details)).map { String(decoding: $0, as: UTF8.self) }
            return """
                <tr><td>\(Layout.time(event.occurredAt))</td><td>\(event.actorName)</td><td>\(event.action)</td>
                <td class="outcome-\(event.outcome)">\(event.outcome)</td><td>\(event.severity)</td>
                <td>\(event.resourceType.map { "\($0) \(event.resourceID ?? "")" })</td><td>\(event.ipAddress)</td><td><code>\(details)</code></td></tr>
                """
        }
        var exportQuery = URLComponents()
        exportQuery.queryItems = filters.filter { !$0.value.isEmpty }.map {
            URLQueryItem(name: $0.key, value: $0.value)
        }
        .sorted { $0.name < $1.name }
        let selection = exportQuery.percentEncodedQuery.map { "&" + $0 } ?? ""
        let table: HTML =
            events.isEmpty
            ? "<p class=\"empty\">No audit events match.</p>"
            : """
            <table id="audit"><thead><tr><th>Time</th><th>Actor</th><th>Action</th><th>Outcome</th><th>Severity</th><th>Resource</th><th>Address</th><th>Details</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(Layout.pager(path: SiteRoute.audit.path, query: filters, page: page.page, perPage: page.perPage, total: total))
            """
        return try Layout.page(
            request, .audit,
            content: """
                \(Self.form(filters))
                <p>Export this selection: <a href="\(SiteRoute.auditExport.path)?format=csv\(selection)">CSV</a> · <a href="\(SiteRoute.auditExport.path)?format=json\(selection)">JSON</a></p>
                \(table)
                """)
    }

    static func form(_ filters: [String: String]) -> HTML {
        let actions = AuditAction.allCases.map(\.rawValue)
        let groups = Set(actions.compactMap { $0.split(separator: ".").first.map { "\($0)." } }).sorted()
        let actionOptions = ([""] + groups + actions).map { value -> HTML in
            "<option value=\"\(value)\"\(HTML.flag("selected", filters["action"] == value))>\(value.isEmpty ? "any" : value)</option>"
        }
        let outcomeOptions = ([""] + AuditOutcome.allCases.map(\.rawValue)).map { value -> HTML in
            "<option value=\"\(value)\"\(HTML.flag("selected", filters["outcome"] == value))>\(value.isEmpty ? "any" : value)</option>"
        }
        return """
            <form method="get" action="\(SiteRoute.audit.path)" class="filters">
            <label>Actor<input name="actor" value="\(filters["actor"])"></label>
            <label>Action<select name="action">\(actionOptions)</select></label>
            <label>Outcome<select name="outcome">\(outcomeOptions)</select></label>
            <label>Resource type<input name="resource_type" value="\(filters["resource_type"])" size="10"></label>
            <label>Since (UTC)<input name="since" value="\(filters["since"])" placeholder="2026-11-25T00:00:00Z"></label>
            <label>Until (UTC)<input name="until" value="\(filters["until"])" placeholder="2026-11-26T00:00:00Z"></label>
            <button>Filter</button></form>
            """
    }
}

extension JSONEncoder {
    /// Compact JSON with sorted keys, for showing stored JSON.
    static var sorted: JSONEncoder { .enableDRM() }
}
