public import DRMCore
public import FluentKit
import Foundation

/// A row of `target_communication_methods`: how to reach a target (ssh, winrm, http, smtp, db …).
public final class CommunicationMethod: Model, @unchecked Sendable {
    public static let schema = "target_communication_methods"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "target_id") public var targetID: Int
    @Field(key: "method_type") public var methodType: String
    @Field(key: "method_name") public var methodName: String
    @Field(key: "is_primary") public var isPrimary: Bool
    @Field(key: "is_active") public var isActive: Bool
    @OptionalField(key: "priority") public var priority: Int?
    @Field(key: "config") public var config: JSONValue
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    /// The SSH host key this method trusts, as an OpenSSH public-key line.
    @OptionalField(key: "host_key") public var hostKey: String?
    @OptionalField(key: "last_tested_at") public var lastTestedAt: Date?
    @OptionalField(key: "last_test_success") public var lastTestSuccess: Bool?
    @OptionalField(key: "last_test_category") public var lastTestCategory: String?
    @OptionalField(key: "last_test_message") public var lastTestMessage: String?
    @OptionalField(key: "last_test_latency_ms") public var lastTestLatencyMS: Int?
    @OptionalField(key: "last_test_details") public var lastTestDetails: JSONValue?

    public init() {}
}
