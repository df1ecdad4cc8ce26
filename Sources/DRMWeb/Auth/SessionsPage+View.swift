import DRMCore
import DRMEngine
import DRMStore

extension SessionsPage {
    /// The sessions page drawn from its model: one row a session, each with the form that ends it.
    struct View {
        var model: Model
        /// The hidden input that carries the form token.
        var csrf: HTML

        var body: HTML {
            get throws {
                let rows = try model.sessions.map { session -> HTML in
                    let id = try session.savedID
                    let current = id == model.currentSessionID
                    return """
                        <tr><td>\(model.names[session.userID] ?? "?")</td><td>\(session.ipAddress)</td><td><code>\(session.userAgent.map { String($0.prefix(80)) })</code></td>
                        <td>\(Layout.time(session.createdAt))</td><td>\(Layout.time(session.lastActivity))</td><td>\(Layout.time(session.expiresAt))</td>
                        <td>\(current ? "this session" : "")</td>
                        <td><form method="post" action="\(SiteRoute.sessionEnd(.id(id)).path)" class="inline" data-confirm="End this session?">\(csrf)<button class="danger">End</button></form></td></tr>
                        """
                }
                return """
                    <table id="sessions"><thead><tr><th>User</th><th>Address</th><th>Browser</th><th>Started</th><th>Last active</th><th>Expires</th><th></th><th></th></tr></thead>
                    <tbody>\(rows)</tbody></table>
                    """
            }
        }
    }
}
