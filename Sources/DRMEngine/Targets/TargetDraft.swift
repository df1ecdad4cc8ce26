public import DRMCore
import Foundation

/// A target to create, with at least one communication method.
public struct TargetDraft: Sendable {
    public var name: String
    public var targetType: TargetType
    public var osType: String
    public var environment: TargetEnvironment
    public var status: TargetStatus
    public var isActive: Bool
    public var description: String?
    public var location: String?
    public var dataCenter: String?
    public var region: String?
    public var deviceType: String?
    public var tags: [String]
    public var methods: [MethodDraft]

    public init(
        name: String, targetType: TargetType = .system, osType: String = "linux",
        environment: TargetEnvironment = .development, status: TargetStatus = .active, isActive: Bool = true,
        description: String? = nil, location: String? = nil, dataCenter: String? = nil, region: String? = nil,
        deviceType: String? = nil, tags: [String] = [], methods: [MethodDraft]
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
        self.methods = methods
    }
}
