public import DRMCore
public import Foundation

/// An execution in a list: what ran, when, and how its targets ended.
public struct ExecutionSummary: Sendable, Hashable, Codable {
    public var id: Int
    public var serial: String
    public var number: Int
    public var jobID: Int
    public var jobName: String
    public var isAdhoc: Bool
    public var status: ExecutionStatus
    public var trigger: String
    public var triggeredBy: Int?
    public var createdAt: Date?
    public var startedAt: Date?
    public var completedAt: Date?
    public var cancelRequested: Bool
    public var errorMessage: String?
    /// Branches by status.
    public var targets: [String: Int]
    public var totalTargets: Int
    /// The user who started it, by name (nil for the system and deleted users).
    public var triggeredByName: String? = nil
    /// Seconds from start to end, or to when it was read while it runs.
    public var duration: Double? = nil

    enum CodingKeys: String, CodingKey {
        case id, serial, number, status, trigger, targets
        case jobID = "job_id"
        case jobName = "job_name"
        case isAdhoc = "is_adhoc"
        case triggeredBy = "triggered_by"
        case createdAt = "created_at"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case cancelRequested = "cancel_requested"
        case errorMessage = "error_message"
        case totalTargets = "total_targets"
        case triggeredByName = "triggered_by_name"
        case duration = "duration_seconds"
    }

    /// Seconds from start to end (or to now while it runs).
    public func durationSeconds(now: Date = Date()) -> Double? {
        guard let startedAt else { return nil }
        return (completedAt ?? now).timeIntervalSince(startedAt)
    }
}

/// One branch (target) of an execution.
public struct BranchView: Sendable, Hashable, Codable {
    public var id: Int
    public var serial: String
    public var branchID: String
    public var targetID: Int
    public var targetName: String
    public var status: ExecutionStatus
    public var startedAt: Date?
    public var completedAt: Date?
    public var exitCode: Int?
    public var output: String?
    public var error: String?

    public var durationSeconds: Double? {
        guard let startedAt, let completedAt else { return nil }
        return completedAt.timeIntervalSince(startedAt)
    }

    /// `branchID` is the branch's ordinal within its execution ("001"), not a row id, so it goes over the wire as
    /// `ordinal`: `branch_id` is always the branch row's numeric id.
    enum CodingKeys: String, CodingKey {
        case id, serial, status, output, error
        case branchID = "ordinal"
        case targetID = "target_id"
        case targetName = "target_name"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case exitCode = "exit_code"
    }
}

/// One action's result on one branch.
public struct ActionResultView: Sendable, Hashable, Codable {
    public var id: Int
    public var branchID: Int
    public var serial: String?
    public var order: Int
    public var name: String
    public var type: ActionType
    public var status: ExecutionStatus
    public var startedAt: Date?
    public var completedAt: Date?
    public var executionTimeMS: Int?
    public var exitCode: Int?
    public var output: String?
    public var error: String?
    public var command: String?
    public var outputTruncated: Bool
    public var attempts: Int

    enum CodingKeys: String, CodingKey {
        case id, serial, order, name, type, status, output, error, command, attempts
        case branchID = "branch_id"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case executionTimeMS = "execution_time_ms"
        case exitCode = "exit_code"
        case outputTruncated = "output_truncated"
    }
}

/// An execution with its branches.
public struct ExecutionDetail: Sendable, Hashable, Codable {
    /// The execution a rerun ran again.
    public struct Origin: Sendable, Hashable, Codable {
        public var id: Int
        public var serial: String
    }

    public var summary: ExecutionSummary
    public var parameters: JSONValue?
    /// Set on a rerun of failed targets: the execution it ran again (#14 item 14).
    public var rerunOf: Origin? = nil
    public var branches: [BranchView]

    enum CodingKeys: String, CodingKey {
        case summary, parameters, branches
        case rerunOf = "rerun_of"
    }
}
