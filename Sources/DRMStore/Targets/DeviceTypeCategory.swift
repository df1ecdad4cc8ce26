import DRMCore
public import FluentKit
import Foundation

/// A row of `device_type_categories`.
public final class DeviceTypeCategory: Model, @unchecked Sendable {
    public static let schema = "device_type_categories"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "value") public var value: String
    @Field(key: "label") public var label: String
    @OptionalField(key: "description") public var description: String?
    @OptionalField(key: "icon") public var icon: String?
    @OptionalField(key: "color") public var color: String?
    @OptionalField(key: "sort_order") public var sortOrder: Int?
    @Field(key: "is_system") public var isSystem: Bool
    @Field(key: "is_active") public var isActive: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
