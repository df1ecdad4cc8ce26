public import DRMCore
public import FluentKit
import Foundation

/// A row of `audit_events`: one recorded action, append-only (migration 0002).
public final class AuditEvent: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "occurred_at") public var occurredAt: Date
    @OptionalField(key: "actor_user_id") public var actorUserID: Int?
    @Field(key: "actor_name") public var actorName: String
    @Field(key: "action") public var action: String
    @Field(key: "outcome") public var outcome: String
    @Field(key: "severity") public var severity: String
    @OptionalField(key: "resource_type") public var resourceType: String?
    @OptionalField(key: "resource_id") public var resourceID: String?
    @OptionalField(key: "ip_address") public var ipAddress: String?
    @OptionalField(key: "user_agent") public var userAgent: String?
    @OptionalField(key: "request_id") public var requestID: String?
    @Field(key: "details") public var details: JSONValue
    @Field(key: "checksum") public var checksum: String

    public init() {}
}
