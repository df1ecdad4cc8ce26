public import DRMCore
public import FluentKit
import Foundation

/// A row of `job_execution_logs`: structured execution log lines.
public final class ExecutionLog: Model, @unchecked Sendable {
    public static let schema = "job_execution_logs"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @OptionalField(key: "job_execution_id") public var jobExecutionID: Int?
    @OptionalField(key: "branch_id") public var branchID: Int?
    @Enum(key: "log_phase") public var logPhase: LogPhase
    @Enum(key: "log_level") public var logLevel: ExecutionLogLevel
    @Enum(key: "log_category") public var logCategory: LogCategory
    @Field(key: "log_message") public var logMessage: String
    @OptionalField(key: "log_details") public var logDetails: JSONValue?
    @OptionalField(key: "timestamp") public var timestamp: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
