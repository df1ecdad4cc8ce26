import DRMCore
import DRMEngine
import DRMStore

extension UsersPage {
    /// The users page drawn from its model: the create form, the accounts (with a change form each for those who
    /// may edit) and the role × resource table.
    struct View {
        var model: Model
        /// The hidden input that carries the form token.
        var csrf: HTML

        var body: HTML {
            get throws {
                let roles = UserRole.allCases
                let rows = try model.users.map { user -> HTML in
                    let id = try user.savedID
                    let controls: HTML =
                        model.canEdit
                        ? """
                        <td><form method="post" action="\(SiteRoute.user(.id(id)).path)" class="inline">\(csrf)
                        <select name="role" aria-label="Role of \(user.username)">\(roles.map { "<option\(HTML.flag("selected", $0 == user.role))>\($0.rawValue)</option>" as HTML })</select>
                        <label class="inline"><input type="checkbox" name="is_active" value="true"\(HTML.flag("checked", user.isActive))> active</label>
                        <input type="password" name="password" placeholder="new password" autocomplete="new-password" aria-label="New password of \(user.username)">
                        <button>Save</button></form></td>
                        """ : ""
                    return """
                        <tr><td>\(user.username)</td><td>\(user.email)</td><td>\(user.role.rawValue)</td>
                        <td>\(user.isActive ? "yes" : "no")</td><td>\(Layout.time(user.lastLogin))</td><td>\(Layout.time(user.createdAt))</td>\(controls)</tr>
                        """
                }
                let createForm: HTML =
                    model.canCreate
                    ? """
                    <h2>New user</h2><form method="post" action="\(SiteRoute.users.path)" class="card">\(csrf)
                    <label>User name<input name="username" required></label><label>E-mail<input name="email" type="email" required></label>
                    <label>Password<input name="password" type="password" autocomplete="new-password" required></label>
                    <label>Role<select name="role">\(roles.map { "<option>\($0.rawValue)</option>" as HTML })</select></label>
                    <button>Create user</button></form>
                    """ : ""
                return """
                    \(createForm)
                    <table id="users"><thead><tr><th>User</th><th>E-mail</th><th>Role</th><th>Active</th><th>Last log-in</th><th>Created</th>\(model.canEdit ? "<th>Change</th>" as HTML : "")</tr></thead>
                    <tbody>\(rows)</tbody></table>
                    <h2>Roles</h2>\(Self.permissionMatrix())
                    """
            }
        }

        /// The role × resource table, from ``PermissionTable``.
        static func permissionMatrix() -> HTML {
            let header = UserRole.allCases.map { "<th>\($0.rawValue)</th>" as HTML }
            let rows = Permission.Resource.allCases.map { resource -> HTML in
                let cells = UserRole.allCases.map { role -> HTML in
                    let actions = Permission.Action.allCases.filter {
                        PermissionTable.allows(role, .init(resource, $0))
                    }
                    return "<td>\(actions.isEmpty ? "—" : actions.map(\.rawValue).joined(separator: ", "))</td>"
                }
                return "<tr><th>\(resource.rawValue)</th>\(cells)</tr>"
            }
            return
                "<table id=\"roles\"><thead><tr><th>Resource</th>\(header)</tr></thead><tbody>\(rows)</tbody></table>"
        }
    }
}
