public import DRMCore
public import FluentKit
import Foundation

/// A row of `device_type_templates`: saved device-type definitions to clone.
public final class DeviceTypeTemplate: Model, @unchecked Sendable {
    public static let schema = "device_type_templates"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var description: String?
    @Field(key: "category") public var category: String
    @Field(key: "template_config") public var templateConfig: JSONValue
    @Field(key: "is_public") public var isPublic: Bool
    @Field(key: "created_by") public var createdBy: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @OptionalField(key: "usage_count") public var usageCount: Int?
    @OptionalField(key: "last_used") public var lastUsed: Date?

    public init() {}
}
