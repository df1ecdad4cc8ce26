public import DRMCore
public import FluentKit
import Foundation

/// A row of `universal_targets`: managed endpoints (servers, APIs, DBs, mail servers …).
public final class Target: Model, @unchecked Sendable {
    public static let schema = "universal_targets"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "target_uuid") public var targetUUID: UUID
    @Field(key: "target_serial") public var targetSerial: String
    @Field(key: "name") public var name: String
    @Field(key: "target_type") public var targetType: String
    @OptionalField(key: "description") public var description: String?
    @Field(key: "os_type") public var osType: String
    @Field(key: "environment") public var environment: String
    @OptionalField(key: "location") public var location: String?
    @OptionalField(key: "data_center") public var dataCenter: String?
    @OptionalField(key: "region") public var region: String?
    @Field(key: "is_active") public var isActive: Bool
    @Field(key: "status") public var status: String
    @Field(key: "health_status") public var healthStatus: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    /// A JSON array of strings.
    @Field(key: "tags") public var tags: JSONValue
    @OptionalField(key: "device_type") public var deviceType: String?
    /// The name as lists sort it; set with ``setName(_:)``, never alone.
    @Field(key: "name_key") public var nameKey: String

    public init() {}

    /// Sets the name and the key lists sort it by (natural order, at most 100 characters).
    public func setName(_ name: String) {
        self.name = name
        nameKey = Self.sortKey(name)
    }

    /// How a name sorts: in natural order (`node-2` before `node-10`) without regard to case, the same on every
    /// database (``NaturalOrder/key(_:)``).
    public static func sortKey(_ name: String) -> String {
        String(NaturalOrder.indexKey(name).prefix(100))
    }
}
