import DRMCore
import DRMEngine
import DRMStore
import Vapor

extension UsersPage {
    /// What the users page shows: every account, and the reader's role (which forms the page offers).
    struct Model: Sendable {
        var users: [User]
        /// The reader's role.
        var role: UserRole

        /// The model of the accounts, read by an engine query.
        static func load(_ request: Request) async throws -> Model {
            let role = try await request.require(.users).user.role
            return Model(users: try await request.users.all(), role: role)
        }

        /// Whether the reader may change accounts.
        var canEdit: Bool { PermissionTable.allows(role, .init(.users, .update)) }

        /// Whether the reader may create accounts.
        var canCreate: Bool { PermissionTable.allows(role, .init(.users, .create)) }
    }
}
