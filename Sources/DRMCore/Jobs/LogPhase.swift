/// The values of the `log_phase` enum type, in the database's order.
public enum LogPhase: String, Sendable, Hashable, Codable, CaseIterable {
    case creation
    case targetSelection = "target_selection"
    case authentication
    case communication
    case actionExecution = "action_execution"
    case resultCollection = "result_collection"
    case completion
}
