/// The values of the `execution_status_schedule` enum type, in the database's order.
public enum ScheduleExecutionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case scheduled
    case running
    case completed
    case failed
    case skipped
}
