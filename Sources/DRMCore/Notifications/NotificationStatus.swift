/// The values of the `notification_status` enum type, in the database's order.
public enum NotificationStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case sent
    case failed
    case delivered
}
