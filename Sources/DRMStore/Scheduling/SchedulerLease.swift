public import FluentKit
import Foundation

/// A row of `scheduler_leases`: the node that fires schedules, until its lease expires.
public final class SchedulerLease: Model, @unchecked Sendable {
    public static let schema = "scheduler_leases"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "name") public var name: String
    @Field(key: "holder") public var holder: String
    @Field(key: "acquired_at") public var acquiredAt: Date
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}
}
