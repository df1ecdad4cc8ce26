import DRMCore
public import Foundation

/// One row per target of an execution, for exports.
public struct ExecutionExportRow: Sendable, Hashable, Codable {
    public var target: String
    public var branch: String
    public var status: String
    public var exitCode: Int?
    public var startedAt: Date?
    public var completedAt: Date?
    public var durationSeconds: Double?
    public var output: String?
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case target, branch, status, output, error
        case exitCode = "exit_code"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case durationSeconds = "duration_seconds"
    }
}
