/// The values of the `notification_type` enum type, in the database's order.
public enum NotificationType: String, Sendable, Hashable, Codable, CaseIterable {
    case email
    case slack
    case webhook
    case sms
}
