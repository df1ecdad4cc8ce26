import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// The frame of every signed-in page: navigation to every area the role may see, the user, and log-out.
enum Layout {
    static func page(
        _ request: Request, _ route: SiteRoute, notice: String? = nil, error: String? = nil, content: HTML
    ) throws -> HTML {
        let user = try request.principal.user
        let links = SiteRoute.allCases.filter { $0.allows(user.role) }.map { item -> HTML in
            let current = item == route ? HTML(unsafe: #" aria-current="page""#) : ""
            let later = item.isBuilt ? "" : HTML(unsafe: #" <span class="soon">later</span>"#)
            return "<li><a href=\"\(item.path)\"\(current)>\(item.title)\(later)</a></li>"
        }
        let messages: HTML = [
            notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" as HTML } ?? "",
            error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" as HTML } ?? "",
        ].reduce("") { "\($0)\($1)" }
        return document(
            title: route.title,
            body: """
                <header class="top"><a class="brand" href="\(SiteRoute.dashboard.path)">EnableDRM</a>
                <span class="who">\(user.username) · <span class="role">\(user.role.rawValue)</span></span>
                <form method="post" action="\(SiteRoute.logout.path)" class="inline">\(csrf(request))<button class="link">Log out</button></form></header>
                <div class="frame"><nav aria-label="Areas"><ul>\(links)</ul></nav>
                <main><h1>\(route.title)</h1>\(messages)\(content)</main></div>
                <footer>EnableDRM \(EnableDRM.version)</footer>
                """)
    }

    /// A whole HTML document with the stylesheet and script.
    static func document(title: String, body: HTML) -> HTML {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · EnableDRM</title><link rel="stylesheet" href="/static/app.css"><script src="/static/app.js" defer></script></head>
        <body>\(body)</body></html>
        """
    }

    /// The hidden anti-forgery field of a form.
    static func csrf(_ request: Request) -> HTML {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(request.formToken)\">"
    }

    /// A time as ISO 8601 in a `<time>` element (the script shows it in the browser's time zone).
    static func time(_ date: Date?) -> HTML {
        guard let date else { return "—" }
        let text = ISO8601DateFormatter().string(from: date)
        return "<time datetime=\"\(text)\">\(text.replacingOccurrences(of: "T", with: " "))</time>"
    }

    /// Links to the pages of a list: previous, "page N of M", next; `query` keeps the filters.
    static func pager(path: String, query: [String: String], page: Int, perPage: Int, total: Int) -> HTML {
        let pages = max(1, (total + perPage - 1) / perPage)
        func link(_ target: Int, _ label: String) -> HTML {
            var items = query.filter { !$0.value.isEmpty }.map { URLQueryItem(name: $0.key, value: $0.value) }
            items.append(URLQueryItem(name: "page", value: String(target)))
            var components = URLComponents()
            components.path = path
            components.queryItems = items.sorted { $0.name < $1.name }
            return "<a href=\"\(components.string ?? path)\">\(label)</a>"
        }
        return """
            <p class="pager">\(page > 1 ? link(page - 1, "← Previous") : "")
            <span>Page \(page) of \(pages) · \(total) in all</span>
            \(page < pages ? link(page + 1, "Next →") : "")</p>
            """
    }
}
