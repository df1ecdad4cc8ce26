public import DRMCore
import DRMStore
import FluentKit
public import Foundation

/// A discovered device as the review reads it: what was found, what a person decided, and how it compares with the
/// inventory (the target it matches, and what changed since the previous run that saw it).
public struct DiscoveryDeviceRecord: Sendable, Hashable {
    public var id: Int
    public var runID: Int
    public var host: DiscoveredHost
    public var reviewState: DeviceReviewState
    public var inventory: InventoryStatus
    /// One line per difference (ports opened or closed, a service renamed, a host key that isn't the pinned one).
    public var changes: [String]
    /// The target it matches, or the one it was imported as.
    public var targetID: Int?
    public var targetName: String?
    /// How it was matched: `ssh_host_key`, `tls_fingerprint` or `address`.
    public var matchedBy: String?
    public var lastSeen: Date?

    init(_ row: DiscoveredDevice) throws {
        id = try row.requireID()
        runID = row.discoveryJobID
        host = try (row.rawData ?? .null).decoded(as: DiscoveredHost.self)
        reviewState = DeviceReviewState(rawValue: row.reviewState) ?? .pending
        inventory = .new
        changes = []
        targetID = row.targetID
        lastSeen = row.lastSeen
    }
}
