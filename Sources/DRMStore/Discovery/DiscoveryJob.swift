public import DRMCore
public import FluentKit
import Foundation

/// A row of `discovery_jobs`: a network scan run (database/init/05 shape).
public final class DiscoveryJob: Model, @unchecked Sendable {
    public static let schema = "discovery_jobs"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "discovery_uuid") public var discoveryUUID: UUID
    @Field(key: "discovery_serial") public var discoverySerial: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var description: String?
    @Field(key: "discovery_type") public var discoveryType: String
    @Field(key: "target_range") public var targetRange: String
    @OptionalField(key: "discovery_config") public var discoveryConfig: JSONValue?
    @Field(key: "status") public var status: String
    @Field(key: "created_by") public var createdBy: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @OptionalField(key: "started_at") public var startedAt: Date?
    @OptionalField(key: "completed_at") public var completedAt: Date?
    @OptionalField(key: "discovered_count") public var discoveredCount: Int?
    @OptionalField(key: "error_message") public var errorMessage: String?
    @OptionalField(key: "template_id") public var templateID: Int?
    @OptionalField(key: "task_id") public var taskID: String?
    @OptionalField(key: "phase") public var phase: String?
    @Field(key: "progress_done") public var progressDone: Int
    @Field(key: "progress_total") public var progressTotal: Int
    @Field(key: "open_port_count") public var openPortCount: Int
    @Field(key: "cancel_requested") public var cancelRequested: Bool

    public init() {}
}
