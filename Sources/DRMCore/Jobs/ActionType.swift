/// The values of the `action_type` enum type, in the database's order (`http_request` added by migration 0005).
public enum ActionType: String, Sendable, Hashable, Codable, CaseIterable {
    case command
    case script
    case fileTransfer = "file_transfer"
    case httpRequest = "http_request"
}
