public import DRMCore
import DRMStore

extension AuthSessions.Principal {
    /// The id of the signed-in user.
    public var userID: Int {
        get throws { try user.savedID }
    }

    /// The signed-in user's role.
    public var role: UserRole { user.role }

    /// Whether the signed-in user's role may do `permission`.
    public func may(_ permission: Permission) -> Bool {
        PermissionTable.allows(role, permission)
    }
}
