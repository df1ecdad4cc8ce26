public import DRMCore
import DRMStore
import FluentKit
public import Foundation

/// A saved discovery configuration: ranges, ports and options under a name.
public struct DiscoveryTemplateRecord: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var description: String?
    public var request: DiscoveryRequest
    public var createdBy: Int
    public var createdAt: Date?

    init(_ row: DiscoveryTemplate) throws {
        id = try row.requireID()
        name = row.name
        description = row.description
        request = try row.templateConfig.decoded(as: DiscoveryRequest.self)
        createdBy = row.createdBy
        createdAt = row.createdAt
    }
}
