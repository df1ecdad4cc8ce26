/// The values of the `task_status` enum type, in the database's order.
public enum TaskStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case started
    case retry
    case failure
    case success
    case revoked
}
