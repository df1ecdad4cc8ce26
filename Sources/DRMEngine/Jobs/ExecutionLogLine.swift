public import DRMCore
public import Foundation

/// One line of an execution's log, as followers see it (live in the process that runs it, or read back).
public struct ExecutionLogLine: Sendable, Hashable, Codable {
    /// The row id once stored (nil for a line seen live before it is stored).
    public var id: Int?
    public var branchID: Int?
    /// The target of the branch, when the line belongs to one.
    public var targetName: String?
    /// `host:port` of the branch's target.
    public var endpoint: String?
    public var phase: LogPhase
    public var level: ExecutionLogLevel
    public var category: LogCategory
    public var message: String
    public var details: JSONValue?
    public var timestamp: Date

    enum CodingKeys: String, CodingKey {
        case id, endpoint, phase, level, category, message, details, timestamp
        case branchID = "branch_id"
        case targetName = "target_name"
    }

    public init(
        id: Int? = nil, branchID: Int? = nil, targetName: String? = nil, endpoint: String? = nil, phase: LogPhase,
        level: ExecutionLogLevel = .info, category: LogCategory, message: String, details: JSONValue? = nil,
        timestamp: Date
    ) {
        self.id = id
        self.branchID = branchID
        self.targetName = targetName
        self.endpoint = endpoint
        self.phase = phase
        self.level = level
        self.category = category
        self.message = message
        self.details = details
        self.timestamp = timestamp
    }

    /// The stream (`stdout`, `stderr`) when the line is a command's output.
    public var outputStream: String? {
        guard category == .commandExecution, phase == .actionExecution, case .string(let stream)? = details?["stream"]
        else { return nil }
        return stream
    }

    /// The branch's final status, when the line reports it.
    public var branchStatus: ExecutionStatus? {
        guard phase == .completion, branchID != nil, case .string(let status)? = details?["status"] else { return nil }
        return ExecutionStatus(rawValue: status)
    }
}
