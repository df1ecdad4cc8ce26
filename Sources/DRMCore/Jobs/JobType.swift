/// The values of the `job_type` enum type, in the database's order.
public enum JobType: String, Sendable, Hashable, Codable, CaseIterable {
    case command
    case script
    case fileTransfer = "file_transfer"
    case composite
}
