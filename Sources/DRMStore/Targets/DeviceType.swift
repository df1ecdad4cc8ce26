public import DRMCore
public import FluentKit
import Foundation

/// A row of `device_types`: catalogue of device kinds (system + user-defined).
public final class DeviceType: Model, @unchecked Sendable {
    public static let schema = "device_types"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "value") public var value: String
    @Field(key: "label") public var label: String
    @Field(key: "category") public var category: String
    @OptionalField(key: "description") public var description: String?
    @Field(key: "communication_methods") public var communicationMethods: JSONValue
    @Field(key: "discovery_ports") public var discoveryPorts: JSONValue
    @Field(key: "discovery_oids") public var discoveryOids: JSONValue
    @Field(key: "discovery_services") public var discoveryServices: JSONValue
    @Field(key: "discovery_keywords") public var discoveryKeywords: JSONValue
    @Field(key: "is_system") public var isSystem: Bool
    @Field(key: "is_active") public var isActive: Bool
    @OptionalField(key: "created_by") public var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @OptionalField(key: "search_vector") public var searchVector: String?
    @Field(key: "tags") public var tags: JSONValue

    public init() {}
}
