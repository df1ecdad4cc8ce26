public import DRMCore
import DRMStore
import FluentKit
public import Foundation

/// A stored discovery run as the API, pages and CLI read it.
public struct DiscoveryRunRecord: Sendable, Hashable {
    public var id: Int
    public var uuid: UUID
    public var serial: String
    public var name: String
    public var status: DiscoveryRunStatus
    public var request: DiscoveryRequest
    public var templateID: Int?
    /// `sweeping` or `identifying` while it runs.
    public var phase: String?
    /// Units of the current phase done, of all (pairs swept, then open ports identified).
    public var progressDone: Int
    public var progressTotal: Int
    public var openPorts: Int
    /// Hosts with at least one open port.
    public var hostsFound: Int
    public var cancelRequested: Bool
    public var createdBy: Int
    public var createdAt: Date?
    public var startedAt: Date?
    public var completedAt: Date?
    public var errorMessage: String?

    init(_ row: DiscoveryJob) throws {
        id = try row.requireID()
        uuid = row.discoveryUUID
        serial = row.discoverySerial
        name = row.name
        status = DiscoveryRunStatus(rawValue: row.status) ?? .failed
        request = try (row.discoveryConfig ?? .null).decoded(as: DiscoveryRequest.self)
        templateID = row.templateID
        phase = row.phase
        progressDone = row.progressDone
        progressTotal = row.progressTotal
        openPorts = row.openPortCount
        hostsFound = row.discoveredCount ?? 0
        cancelRequested = row.cancelRequested
        createdBy = row.createdBy
        createdAt = row.createdAt
        startedAt = row.startedAt
        completedAt = row.completedAt
        errorMessage = row.errorMessage
    }
}
