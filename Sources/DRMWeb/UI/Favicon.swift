import Vapor

/// `GET /favicon.ico`: the icon browsers ask for on every site, so that their first request isn't a 404 (#14
/// item 17). An SVG (browsers take one at this path), cached for a day.
struct FaviconController: RouteCollection {
    static let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f3b63"/>\
        <path d="M8 9h7a7 7 0 0 1 0 14H8z" fill="none" stroke="#fff" stroke-width="3"/>\
        <circle cx="23" cy="16" r="3" fill="#7fd1ff"/></svg>
        """

    func boot(routes: any RoutesBuilder) throws {
        routes.get("favicon.ico") { _ -> Response in
            Response(
                status: .ok,
                headers: ["Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400"],
                body: .init(string: Self.svg))
        }
    }
}
