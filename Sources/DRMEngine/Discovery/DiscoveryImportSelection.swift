public import DRMCore

/// One device to import and how: the target's name (default: the host name, else the address), the methods to
/// create among those its services suggest (default: all of them), environment, tags and device type (default: the
/// classification's, when the catalog has it). No credential is made up: people add them to the target.
public struct DiscoveryImportSelection: Sendable, Hashable {
    public var deviceID: Int
    public var name: String?
    public var methods: [String]?
    public var environment: TargetEnvironment
    public var tags: [String]
    public var deviceType: String?

    public init(
        deviceID: Int, name: String? = nil, methods: [String]? = nil, environment: TargetEnvironment = .development,
        tags: [String] = [], deviceType: String? = nil
    ) {
        self.deviceID = deviceID
        self.name = name
        self.methods = methods
        self.environment = environment
        self.tags = tags
        self.deviceType = deviceType
    }
}
