/// The values of the `schedule_type` enum type, in the database's order.
public enum ScheduleType: String, Sendable, Hashable, Codable, CaseIterable {
    case cron
    case interval
    case oneTime = "one_time"
}
