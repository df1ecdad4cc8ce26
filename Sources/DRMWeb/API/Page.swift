import Vapor

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
