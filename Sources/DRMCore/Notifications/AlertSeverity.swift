/// The values of the `alert_severity` enum type, in the database's order.
public enum AlertSeverity: String, Sendable, Hashable, Codable, CaseIterable {
    case low
    case medium
    case high
    case critical
}
