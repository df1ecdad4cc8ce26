/// The values of the `job_status` enum type, in the database's order.
public enum JobStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case draft
    case scheduled
    case running
    case completed
    case failed
    case cancelled
    case deleted
}
