import DRMCore
import DRMEngine
import DRMStore
import Vapor

extension AuditPage {
    /// What the audit page shows: the filters as typed, one page of the events they select, and how many there are.
    struct Model: Sendable {
        /// Each filter's text as typed, by name (empty when not set).
        var filters: [String: String]
        var events: [AuditEvent]
        var page: Int
        var perPage: Int
        var total: Int

        /// The filters of the request as typed, by name.
        static func filters(of request: Request) -> [String: String] {
            Dictionary(
                uniqueKeysWithValues: AuditPage.filterNames.map { ($0, request.query[String.self, at: $0] ?? "") })
        }

        /// The model of a search and a page, read by an engine query.
        static func load(_ request: Request, query: AuditQuery, page: PageRequest) async throws -> Model {
            Model(
                filters: filters(of: request),
                events: try await request.auditLog.events(query, offset: page.offset, limit: page.perPage),
                page: page.page, perPage: page.perPage, total: try await request.auditLog.count(query))
        }
    }
}
