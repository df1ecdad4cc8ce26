public import DRMCore
public import FluentKit
import Foundation

/// A row of `system_settings`: key/value configuration.
public final class SystemSetting: Model, @unchecked Sendable {
    public static let schema = "system_settings"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "setting_key") public var settingKey: String
    @Field(key: "setting_value") public var settingValue: JSONValue
    @OptionalField(key: "description") public var description: String?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
