public import DRMCore
public import FluentKit
import Foundation

/// A row of `job_actions`: ordered steps of a job.
public final class JobAction: Model, @unchecked Sendable {
    public static let schema = "job_actions"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "job_id") public var jobID: Int
    @Field(key: "action_order") public var actionOrder: Int
    @Enum(key: "action_type") public var actionType: ActionType
    @Field(key: "action_name") public var actionName: String
    @OptionalField(key: "action_parameters") public var actionParameters: JSONValue?
    @OptionalField(key: "action_config") public var actionConfig: JSONValue?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
