/// The values of the `log_level` enum type, in the database's order.
public enum ExecutionLogLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case info
    case warning
    case error
    case debug
}
