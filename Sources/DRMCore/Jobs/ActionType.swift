/// The values of the `action_type` enum type, in the database's order.
public enum ActionType: String, Sendable, Hashable, Codable, CaseIterable {
    case command
    case script
    case fileTransfer = "file_transfer"
}
