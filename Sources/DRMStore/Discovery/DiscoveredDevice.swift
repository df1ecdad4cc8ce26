public import DRMCore
public import FluentKit
import Foundation

/// A row of `discovered_devices`: hosts found by a discovery job (database/init/05 shape).
public final class DiscoveredDevice: Model, @unchecked Sendable {
    public static let schema = "discovered_devices"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "device_uuid") public var deviceUUID: UUID
    @Field(key: "device_serial") public var deviceSerial: String
    @Field(key: "discovery_job_id") public var discoveryJobID: Int
    @Field(key: "ip_address") public var ipAddress: String
    @OptionalField(key: "hostname") public var hostname: String?
    @OptionalField(key: "mac_address") public var macAddress: String?
    @OptionalField(key: "device_type") public var deviceType: String?
    @OptionalField(key: "os_type") public var osType: String?
    @OptionalField(key: "os_version") public var osVersion: String?
    @OptionalField(key: "vendor") public var vendor: String?
    @OptionalField(key: "model") public var model: String?
    @OptionalField(key: "services") public var services: JSONValue?
    @OptionalField(key: "ports") public var ports: JSONValue?
    @OptionalField(key: "is_reachable") public var isReachable: Bool?
    @OptionalField(key: "last_seen") public var lastSeen: Date?
    @OptionalField(key: "discovery_method") public var discoveryMethod: String?
    @OptionalField(key: "raw_data") public var rawData: JSONValue?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @Field(key: "review_state") public var reviewState: String
    @OptionalField(key: "identity_kind") public var identityKind: String?
    @OptionalField(key: "identity") public var identity: String?
    @OptionalField(key: "target_id") public var targetID: Int?

    public init() {}
}
