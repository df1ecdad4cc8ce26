/// The values of the `log_category` enum type, in the database's order.
public enum LogCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case authentication
    case communication
    case commandExecution = "command_execution"
    case fileTransfer = "file_transfer"
    case system
}
