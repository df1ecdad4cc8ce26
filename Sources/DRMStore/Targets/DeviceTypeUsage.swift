public import DRMCore
public import FluentKit
import Foundation

/// A row of `device_type_usage`: per-user usage counters.
public final class DeviceTypeUsage: Model, @unchecked Sendable {
    public static let schema = "device_type_usage"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "device_type_value") public var deviceTypeValue: String
    @Field(key: "user_id") public var userID: Int
    @OptionalField(key: "usage_context") public var usageContext: String?
    @OptionalField(key: "usage_count") public var usageCount: Int?
    @OptionalField(key: "last_used") public var lastUsed: Date?
    @OptionalField(key: "context_data") public var contextData: JSONValue?

    public init() {}
}
