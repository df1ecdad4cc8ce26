import DRMCore
public import FluentKit
import Foundation

/// A row of `job_targets`: which targets a job runs on.
public final class JobTarget: Model, @unchecked Sendable {
    public static let schema = "job_targets"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "job_id") public var jobID: Int
    @Field(key: "target_id") public var targetID: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
