/// The values of the `execution_status` enum type, in the database's order.
public enum ExecutionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case scheduled
    case running
    case completed
    case failed
    case cancelled
}
