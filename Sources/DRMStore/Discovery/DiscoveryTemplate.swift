public import DRMCore
public import FluentKit
import Foundation

/// A row of `discovery_templates`: reusable scan configurations (database/init/05 shape).
public final class DiscoveryTemplate: Model, @unchecked Sendable {
    public static let schema = "discovery_templates"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "template_uuid") public var templateUUID: UUID
    @Field(key: "template_serial") public var templateSerial: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var description: String?
    @Field(key: "discovery_type") public var discoveryType: String
    @Field(key: "template_config") public var templateConfig: JSONValue
    @OptionalField(key: "is_active") public var isActive: Bool?
    @Field(key: "created_by") public var createdBy: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
