public import DRMCore
import Foundation

/// The fields of a target to change; `nil` leaves a field as it is.
public struct TargetChanges: Sendable {
    public var name: String?
    public var targetType: TargetType?
    public var osType: String?
    public var environment: TargetEnvironment?
    public var status: TargetStatus?
    public var isActive: Bool?
    public var description: String?
    public var location: String?
    public var dataCenter: String?
    public var region: String?
    public var deviceType: String?
    public var tags: [String]?

    public init(
        name: String? = nil, targetType: TargetType? = nil, osType: String? = nil,
        environment: TargetEnvironment? = nil, status: TargetStatus? = nil, isActive: Bool? = nil,
        description: String? = nil, location: String? = nil, dataCenter: String? = nil, region: String? = nil,
        deviceType: String? = nil, tags: [String]? = nil
    ) {
        self.name = name
        self.targetType = targetType
        self.osType = osType
        self.environment = environment
        self.status = status
        self.isActive = isActive
        self.description = description
        self.location = location
        self.dataCenter = dataCenter
        self.region = region
        self.deviceType = deviceType
        self.tags = tags
    }
}
