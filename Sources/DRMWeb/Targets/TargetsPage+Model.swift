import DRMCore
import DRMEngine
import DRMStore
import Vapor

extension TargetsPage {
    /// What the targets page shows: the filter and text as typed (and a filter that did not parse), one page of
    /// targets with their methods and last tests, and the reader's role (which forms the page offers).
    struct Model: Sendable {
        var filterText = ""
        var text = ""
        /// Why the filter was not applied, if it did not parse.
        var problem: String?
        var records: [TargetRecord]
        var total: Int
        var page: Int
        var perPage: Int
        /// The reader's role.
        var role: UserRole

        /// The model of the request's filter, text and page, read by an engine query.
        static func load(_ request: Request) async throws -> Model {
            let role = try await request.require(.targets).user.role
            let filterText = request.query[String.self, at: "filter"] ?? ""
            let text = request.query[String.self, at: "q"] ?? ""
            let page = try PageRequest(request)
            var model = Model(
                filterText: filterText, text: text, records: [], total: 0, page: page.page, perPage: page.perPage,
                role: role)
            var filter: TargetFilter?
            if !filterText.isEmpty {
                do { filter = try TargetFilter.parse(filterText) } catch {
                    model.problem = "Filter: \(error.description)"
                    return model
                }
            }
            var query = TargetQuery(filter: filter, text: text.isEmpty ? nil : text)
            query.offset = page.offset
            query.limit = page.perPage
            (model.records, model.total) = try await request.targets.list(query, credentials: false)
            return model
        }

        func allows(_ resource: Permission.Resource, _ action: Permission.Action) -> Bool {
            PermissionTable.allows(role, .init(resource, action))
        }
    }
}
