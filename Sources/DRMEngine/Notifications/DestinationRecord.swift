public import DRMCore
import DRMStore
import FluentKit
public import Foundation

/// A destination as callers see it: everything but its secrets (only whether it has them).
public struct DestinationRecord: Sendable, Hashable {
    public var id: Int
    public var uuid: UUID
    public var name: String
    public var type: NotificationType
    public var config: JSONValue
    public var hasSecret: Bool
    /// True while two secrets sign (a rotation is under way).
    public var rotating: Bool
    public var enabled: Bool
    public var disabledReason: String?
    public var consecutiveFailures: Int
    public var createdAt: Date?
    public var updatedAt: Date?

    init(_ row: NotificationDestination) throws {
        id = try row.requireID()
        uuid = row.destinationUUID
        name = row.name
        type = row.destinationType
        config = row.config
        hasSecret = row.secretEncrypted != nil
        rotating = row.previousSecretEncrypted != nil
        enabled = row.isEnabled
        disabledReason = row.disabledReason
        consecutiveFailures = row.consecutiveFailures
        createdAt = row.createdAt
        updatedAt = row.updatedAt
    }
}
