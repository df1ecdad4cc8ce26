import Vapor

/// `page` and `per_page` of a list request, validated: page ≥ 1, 1 ≤ per_page ≤ 200 (default 50).
struct PageRequest {
    var page: Int
    var perPage: Int

    init(_ request: Request) throws {
        page = try Self.integer(request, "page", default: 1, in: 1...1_000_000)
        perPage = try Self.integer(request, "per_page", default: 50, in: 1...200)
    }

    var offset: Int { (page - 1) * perPage }

    /// A `true`/`false` query parameter; `nil` when absent, a 400 naming it when it is something else.
    static func flag(_ request: Request, _ name: String) throws -> Bool? {
        guard let text = request.query[String.self, at: name] else { return nil }
        guard let value = Bool(text) else {
            throw APIError(.badRequest, code: "invalid_query", message: "\(name) must be true or false", field: name)
        }
        return value
    }

    static func integer(_ request: Request, _ name: String, default fallback: Int, in range: ClosedRange<Int>) throws
        -> Int
    {
        guard let text = request.query[String.self, at: name] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw APIError(
                .badRequest, code: "invalid_query",
                message: "\(name) must be a whole number in \(range.lowerBound)…\(range.upperBound)", field: name)
        }
        return value
    }
}

/// One page of a list: the items, where it is, and how many there are in all.
struct Page<Item: Content>: Content {
    var items: [Item]
    var page: Int
    var perPage: Int
    var total: Int

    enum CodingKeys: String, CodingKey {
        case items, page, total
        case perPage = "per_page"
    }
}

extension Request {
    /// A path parameter that must be a positive integer id; anything else is a 404 for that resource.
    /// When the text is the name of a sibling route (`PATCH /api/v1/targets/export`), the method is what's wrong: 405.
    func id(_ name: String = "id", of what: String) throws -> Int {
        guard let id = parameters.get(name, as: Int.self), id > 0 else {
            let text = parameters.get(name) ?? ""
            let components = url.path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
            // Only a constant of another route may stand where the id is: the id's own route never counts.
            guard components.contains(text) else { throw APIError.notFound(what) }
            let allowed = application.routes.all.filter { route in
                route.path.count == components.count
                    && zip(route.path, components).allSatisfy { pattern, component in
                        switch pattern {
                        case .constant(let constant): constant == component
                        case .parameter: component != text
                        default: false
                        }
                    }
            }.map(\.method.rawValue)
            guard allowed.isEmpty else {
                throw APIError(
                    .methodNotAllowed, code: "method_not_allowed", message: "\(method.rawValue) is not allowed here",
                    headers: ["Allow": Set(allowed).sorted().joined(separator: ", ")])
            }
            throw APIError.notFound(what)
        }
        return id
    }
}
