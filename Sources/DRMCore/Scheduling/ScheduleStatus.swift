/// The values of the `schedule_status` enum type, in the database's order.
public enum ScheduleStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    case paused
    case disabled
    case expired
}
