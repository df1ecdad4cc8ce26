/// A user's role (`users.role`, CHECK `ck_users_role`), from most to least privileged.
public enum UserRole: String, Sendable, Hashable, Codable, CaseIterable {
    case administrator
    case manager
    case user
    case guest
}
