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
