/// The values of the `alert_status` enum type, in the database's order.
public enum AlertStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    case acknowledged
    case resolved
    case suppressed
}
