import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// A target a picker offers: its id, name and primary host.
struct TargetChoice: Content, Sendable, Hashable {
    var id: Int
    var name: String
    var host: String?
    /// Whether the job the picker edits has it already (only when the request names a job).
    var chosen: Bool?

    init(id: Int, name: String, host: String? = nil, chosen: Bool? = nil) {
        self.id = id
        self.name = name
        self.host = host
        self.chosen = chosen
    }
}

/// `GET /targets/choices?q=&filter=&page=&per_page=&job_id=`: one page of the targets that match a text or a
/// filter, in natural name order, as JSON — what the job forms' target pickers search and page through, however
/// many targets there are. With `job_id`, each choice says whether that job has it.
struct TargetChoicesEndpoint: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.targetChoices.components, use: list)
    }

    func list(request: Request) async throws -> Page<TargetChoice> {
        _ = try await request.require(.targetChoices)
        let page = try PageRequest(request)
        let text = request.query[String.self, at: "q"] ?? ""
        let filterText = request.query[String.self, at: "filter"] ?? ""
        var filter: TargetFilter?
        if !filterText.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                filter = try TargetFilter.parse(filterText)
            } catch {
                throw APIError(.badRequest, code: "invalid_query", message: error.description, field: "filter")
            }
        }
        var chosen: Set<Int>?
        if let jobText = request.query[String.self, at: "job_id"] {
            guard let jobID = Int(jobText), jobID > 0 else {
                throw APIError(
                    .badRequest, code: "invalid_query", message: "job_id must be a job's id", field: "job_id")
            }
            _ = try await request.require(.jobs)
            chosen = Set(try await request.jobs.catalog(request.audit).find(String(jobID)).draft.targetIDs)
        }
        return try await Self.page(
            request, text: text, filter: filter, page: page.page, perPage: page.perPage, chosen: chosen)
    }

    /// Page `page` of the targets that match `text` and `filter`.
    static func page(
        _ request: Request, text: String = "", filter: TargetFilter? = nil, page: Int = 1, perPage: Int,
        chosen: Set<Int>? = nil
    ) async throws -> Page<TargetChoice> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let query = TargetQuery(
            filter: filter, text: trimmed.isEmpty ? nil : trimmed, offset: (page - 1) * perPage, limit: perPage)
        let (records, total) = try await request.targets.list(query)
        let items = try records.map { record in
            let id = try record.target.savedID
            return TargetChoice(
                id: id, name: record.target.name, host: record.primary?.host, chosen: chosen.map { $0.contains(id) })
        }
        return Page(items: items, page: page, perPage: perPage, total: total)
    }
}
