import DRMCore
import DRMEngine
import DRMStore
import Foundation

extension AuditPage {
    /// The audit page drawn from its model: the filters, links that export the selection, the events and pages.
    struct View {
        var model: Model

        var body: HTML {
            let rows = model.events.map { event -> HTML in
                let details = (try? JSONEncoder.sorted.encode(event.details)).map {
                    String(decoding: $0, as: UTF8.self)
                }
                return """
                    <tr><td>\(Layout.time(event.occurredAt))</td><td>\(event.actorName)</td><td>\(event.action)</td>
                    <td class="outcome-\(event.outcome)">\(event.outcome)</td><td>\(event.severity)</td>
                    <td>\(event.resourceType.map { "\($0) \(event.resourceID ?? "")" })</td><td>\(event.ipAddress)</td><td><code>\(details)</code></td></tr>
                    """
            }
            let selection = model.filters.filter { !$0.value.isEmpty }.map {
                URLQueryItem(name: $0.key, value: $0.value)
            }
            .sorted { $0.name < $1.name }
            func export(_ format: String) -> String {
                SiteRoute.auditExport.path([URLQueryItem(name: "format", value: format)] + selection)
            }
            let table: HTML =
                model.events.isEmpty
                ? "<p class=\"empty\">No audit events match.</p>"
                : """
                <table id="audit"><thead><tr><th>Time</th><th>Actor</th><th>Action</th><th>Outcome</th><th>Severity</th><th>Resource</th><th>Address</th><th>Details</th></tr></thead>
                <tbody>\(rows)</tbody></table>
                \(Layout.pager(path: SiteRoute.audit.path, query: model.filters, page: model.page, perPage: model.perPage, total: model.total))
                """
            return """
                \(Self.form(model.filters))
                <p>Export this selection: <a href="\(export("csv"))">CSV</a> · <a href="\(export("json"))">JSON</a></p>
                \(table)
                """
        }

        /// The filter form, showing the filters as typed.
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
}
